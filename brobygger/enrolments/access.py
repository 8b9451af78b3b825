"""Which enrolments (and so which participants' personal data) a user may see.

- coordinator: enrolments in cohorts they manage (full record, may change it);
- caseworker: enrolments they referred, or their NAV office referred (read only);
- participant: their own (read only, plus their own timesheets and assignment);
- teacher and supervisor see participants only through their sessions and placements
  (attendance and placements apps scope those themselves).
Anyone else gets 404: the record's existence is not revealed.

Protected participants (Participant.is_protected) are left out of every scope here, and of
`cohort_enrolments`, for everyone but the users named in an accesslog.ProtectedAccess grant
(and the participant themself). Lists elsewhere filter with `participants_visible_q`.
A refused fetch of an existing enrolment is written to the read log as denied.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from brobygger.accesslog.models import ProtectedAccess
from brobygger.accesslog.services import record_refusal
from brobygger.accounts.models import Role
from brobygger.core.access import acting_user, org_ids_for
from brobygger.enrolments.models import Enrolment
from brobygger.programmes.access import cohorts_managed_by
from brobygger.programmes.models import Cohort


def participants_visible_q(user_or_request: Any, path: str = "participant") -> Q:
    """Rows whose participant (reached by `path`) the user may see at all: not protected, or
    protected with a grant naming this user. Apply it to every list of participants."""
    user = acting_user(user_or_request)
    user_id = getattr(user, "pk", None) or 0  # anonymous: no grants
    granted = ProtectedAccess.objects.filter(user_id=user_id).values("participant_id")
    return Q(**{f"{path}__is_protected": False}) | Q(**{f"{path}__in": granted})


def cohort_enrolments(user_or_request: Any, cohort: Cohort) -> QuerySet[Enrolment]:
    """The enrolments of a cohort the caller has already authorised, less protected
    participants the user is not named for (overview, applications, attendance grid)."""
    return cohort.enrolments.filter(participants_visible_q(user_or_request))


def enrolments_managed_by(user_or_request: Any) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(
        participants_visible_q(user_or_request),
        cohort__in=cohorts_managed_by(user_or_request).values("pk"),
    )


def enrolments_referred_by(user_or_request: Any) -> QuerySet[Enrolment]:
    nav_orgs = org_ids_for(user_or_request, Role.CASEWORKER)
    if not nav_orgs:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(
        Q(referred_by=acting_user(user_or_request)) | Q(referring_organisation__in=nav_orgs),
        participants_visible_q(user_or_request),
    )


def own_enrolments(user_or_request: Any) -> QuerySet[Enrolment]:
    if not org_ids_for(user_or_request, Role.PARTICIPANT):
        return Enrolment.objects.none()
    return Enrolment.objects.filter(participant__user=acting_user(user_or_request))


def enrolments_visible_to(user_or_request: Any) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(
        Q(pk__in=enrolments_managed_by(user_or_request).values("pk"))
        | Q(pk__in=enrolments_referred_by(user_or_request).values("pk"))
        | Q(pk__in=own_enrolments(user_or_request).values("pk"))
    )


def enrolment_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Enrolment:
    """Fetch-and-authorise: 404 when the user may not see it, 403 when they may see it but
    not change it."""
    enrolment = (
        enrolments_visible_to(request)
        .filter(pk=pk)
        .select_related("participant", "cohort__version__programme__organisation")
        .first()
    )
    if enrolment is None:
        _log_refusal(request, pk)
        raise Http404
    if write and not enrolments_managed_by(request).filter(pk=pk).exists():
        _log_refusal(request, pk)
        raise PermissionDenied
    return enrolment


def _log_refusal(request: HttpRequest, pk: int) -> None:
    record_refusal(
        request,
        Enrolment.objects.filter(pk=pk),
        participant="participant",
        organisation="cohort__version__programme__organisation_id",
        shown=_("Deltakelse (åpnet uten tilgang)"),
    )
