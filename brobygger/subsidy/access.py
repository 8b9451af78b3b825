"""Who may see and change which wage subsidy agreement. Outside scope is 404.

- coordinator: agreements of participants whose enrolments they may see
  (enrolments.access.enrolments_visible_to): may create and change them;
- caseworker: the same for participants they (or their NAV office) referred, plus every
  agreement owned by their NAV office; approves agreements of their own office;
- employer: their own organisation's agreements, read only (403 on any change).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest

from brobygger.accounts.models import Role
from brobygger.core.access import has_role, org_ids_for
from brobygger.enrolments.access import enrolments_visible_to, participants_visible_q
from brobygger.enrolments.models import Participant
from brobygger.subsidy.models import Agreement


def participants_for_agreements(user_or_request: Any) -> QuerySet[Participant]:
    """Participants a coordinator or caseworker may make agreements for."""
    if not has_role(user_or_request, Role.COORDINATOR, Role.CASEWORKER):
        return Participant.objects.none()
    return Participant.objects.filter(
        pk__in=enrolments_visible_to(user_or_request).values("participant_id")
    )


def agreements_editable_by(user_or_request: Any) -> QuerySet[Agreement]:
    condition = Q(participant__in=participants_for_agreements(user_or_request).values("pk"))
    nav_offices = org_ids_for(user_or_request, Role.CASEWORKER)
    if nav_offices:
        condition |= Q(nav_office__in=nav_offices)
    return Agreement.objects.filter(condition).filter(participants_visible_q(user_or_request))


def agreements_visible_to(user_or_request: Any) -> QuerySet[Agreement]:
    condition = Q(pk__in=agreements_editable_by(user_or_request).values("pk"))
    employers = org_ids_for(user_or_request, Role.EMPLOYER)
    if employers:
        condition |= Q(employer__in=employers)
    # A protected participant is seen only by the users named for them (enrolments.access).
    return Agreement.objects.filter(condition).filter(participants_visible_q(user_or_request))


@dataclass(frozen=True)
class AgreementAccess:
    agreement: Agreement
    can_write: bool  # coordinator or caseworker with the participant or office in scope
    can_approve: bool  # caseworker at the agreement's NAV office


def agreement_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> AgreementAccess:
    """Fetch-and-authorise: 404 when out of scope, 403 when `write` and read only."""
    agreement = (
        agreements_visible_to(request)
        .filter(pk=pk)
        .select_related("participant", "employer", "nav_office", "employment", "approved_by")
        # The benefit combined with the wage is for coordinators and caseworkers only, and this
        # page shows none of it: never load it (employers read this page too).
        .defer("employment__benefit", "employment__benefit_other")
        .annotate(_editable=Exists(agreements_editable_by(request).filter(pk=OuterRef("pk"))))
        .first()
    )
    if agreement is None:
        raise Http404
    can_write = bool(agreement._editable)  # type: ignore[attr-defined]
    if write and not can_write:
        raise PermissionDenied
    return AgreementAccess(
        agreement=agreement,
        can_write=can_write,
        can_approve=can_write and agreement.nav_office_id in org_ids_for(request, Role.CASEWORKER),
    )
