"""Who may fetch a diploma: the coordinators managing the enrolment, and the participant."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest

from brobygger.diplomas.models import Diploma
from brobygger.enrolments.access import enrolments_managed_by, own_enrolments


def diploma_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Diploma:
    managed = enrolments_managed_by(request).values("pk")
    diploma = (
        Diploma.objects.filter(
            Q(completion__enrolment__in=managed)
            | Q(completion__enrolment__in=own_enrolments(request).values("pk")),
            pk=pk,
        )
        .select_related(
            "completion__enrolment__participant",
            "completion__enrolment__cohort",
            "completion__version__programme__organisation",
        )
        .first()
    )
    if diploma is None:
        raise Http404
    if write and not managed.filter(pk=diploma.completion.enrolment_id).exists():
        raise PermissionDenied
    return diploma
