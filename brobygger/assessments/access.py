"""Fetch-and-authorise for submissions: the coordinator managing the enrolment, or the
participant themself. Anyone else gets 404 (the file's existence is not revealed), and the
attempt is logged as denied in the read log. Protected participants are hidden by the
enrolments.access scopes these build on."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from brobygger.accesslog.services import record_refusal
from brobygger.assessments.models import Submission
from brobygger.enrolments.access import enrolments_managed_by, own_enrolments


def submissions_managed_by(user_or_request: Any) -> QuerySet[Submission]:
    return Submission.objects.filter(enrolment__in=enrolments_managed_by(user_or_request))


def submissions_visible_to(user_or_request: Any) -> QuerySet[Submission]:
    """Managed (coordinator) or own (participant); caseworkers see states only, not files."""
    return Submission.objects.filter(
        Q(enrolment__in=enrolments_managed_by(user_or_request).values("pk"))
        | Q(enrolment__in=own_enrolments(user_or_request).values("pk"))
    )


def submission_for_user(request: HttpRequest, pk: int, *, manage: bool = False) -> Submission:
    """A submission the user may download (or, with manage=True, assess); 404 otherwise."""
    scope = submissions_managed_by(request) if manage else submissions_visible_to(request)
    submission = (
        scope.filter(pk=pk)
        .select_related("enrolment__participant", "enrolment__cohort__version__programme")
        .first()
    )
    if submission is None:
        record_refusal(
            request,
            Submission.objects.filter(pk=pk),
            participant="enrolment__participant",
            organisation="enrolment__cohort__version__programme__organisation_id",
            shown=_("Skriftlig oppgave (åpnet uten tilgang)"),
        )
        raise Http404
    return submission
