"""Who may see what in employment. Out of scope answers 404, seen-but-read-only 403.

- employer: positions, hiring cases and employments of the organisations where they hold
  Role.EMPLOYER; candidate profiles only through `selectors.profiles_visible_to_employers`;
- coordinator / county coordinator: positions and employer organisations in their area (the
  counties of the organisations where they hold that role), read only;
- coordinator and caseworker: employment records of participants they can see through
  `enrolments.access` (managed / referred), including the benefit;
- participant: their own profile, their own hiring cases; positions only once their profile is
  shown to employers (applying shares it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from brobygger.accounts.models import Role
from brobygger.core.access import acting_user, org_ids_for
from brobygger.employment.models import Employment, HiringCase, Position
from brobygger.employment.transitions import CANDIDATE, EMPLOYER
from brobygger.enrolments.access import (
    enrolments_managed_by,
    enrolments_referred_by,
    participants_visible_q,
)
from brobygger.enrolments.models import Participant
from brobygger.organisations.models import Organisation, OrganisationKind

AREA_ROLES = (Role.COORDINATOR, Role.COUNTY_COORDINATOR)
# What an employer page may load of an Employment: never the benefit.
EMPLOYER_FIELDS = (
    "id",
    "participant__first_name",
    "participant__last_name",
    "employer__name",
    "position__title",
    "job_title",
    "kind",
    "start_date",
    "end_date",
    "source",
)


def employer_org_ids(request_or_user: Any) -> set[int]:
    return org_ids_for(request_or_user, Role.EMPLOYER)


def area_counties(request_or_user: Any) -> QuerySet[Organisation]:
    """County numbers of the organisations where the user is (county) coordinator."""
    orgs = org_ids_for(request_or_user, *AREA_ROLES)
    return Organisation.objects.filter(pk__in=orgs).values("municipality__county")  # type: ignore[return-value]


def employer_orgs_in_area(request_or_user: Any) -> QuerySet[Organisation]:
    if not org_ids_for(request_or_user, *AREA_ROLES):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        kind=OrganisationKind.EMPLOYER, municipality__county__in=area_counties(request_or_user)
    )


def employer_org_for_user(request: HttpRequest, pk: int) -> Organisation:
    org = employer_orgs_in_area(request).filter(pk=pk).select_related("municipality").first()
    if org is None:
        raise Http404
    return org


def positions_owned_by(request_or_user: Any) -> QuerySet[Position]:
    orgs = employer_org_ids(request_or_user)
    if not orgs:
        return Position.objects.none()
    return Position.objects.filter(employer__in=orgs)


def positions_in_area(request_or_user: Any) -> QuerySet[Position]:
    if not org_ids_for(request_or_user, *AREA_ROLES):
        return Position.objects.none()
    return Position.objects.filter(
        employer__municipality__county__in=area_counties(request_or_user)
    )


@dataclass(frozen=True)
class PositionAccess:
    position: Position
    is_owner: bool


def position_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> PositionAccess:
    """An employer's own position (may change it), or one in a coordinator's area (read only)."""
    owned = positions_owned_by(request).filter(pk=pk).exists()
    if not owned and not positions_in_area(request).filter(pk=pk).exists():
        raise Http404
    if write and not owned:
        raise PermissionDenied
    position = Position.objects.select_related("employer__municipality").get(pk=pk)
    return PositionAccess(position=position, is_owner=owned)


def own_participant(request_or_user: Any) -> Participant | None:
    """The participant record behind a signed-in participant, if any."""
    if not org_ids_for(request_or_user, Role.PARTICIPANT):
        return None
    user = acting_user(request_or_user)
    return Participant.objects.filter(user=user).first()


def own_participant_or_404(request: HttpRequest) -> Participant:
    participant = own_participant(request)
    if participant is None:
        raise Http404
    return participant


@dataclass(frozen=True)
class CaseAccess:
    case: HiringCase
    actor: str  # transitions.EMPLOYER or transitions.CANDIDATE


def case_for_user(request: HttpRequest, pk: int) -> CaseAccess:
    """A hiring case of the employer's organisation, or the candidate's own; 404 otherwise."""
    orgs = employer_org_ids(request)
    query = Q(position__employer__in=orgs) if orgs else Q(pk__in=[])
    if org_ids_for(request, Role.PARTICIPANT):
        query |= Q(participant__user=acting_user(request))
    case = (
        HiringCase.objects.filter(query, pk=pk)
        .select_related("position__employer", "participant")
        .first()
    )
    if case is None:
        raise Http404
    actor = EMPLOYER if case.position.employer_id in orgs else CANDIDATE
    return CaseAccess(case=case, actor=actor)


def employments_for_staff(request_or_user: Any) -> QuerySet[Employment]:
    """Employment records (benefit included) for a coordinator or caseworker."""
    managed = enrolments_managed_by(request_or_user).values("participant")
    referred = enrolments_referred_by(request_or_user).values("participant")
    return Employment.objects.filter(
        Q(participant__in=managed) | Q(participant__in=referred),
        participants_visible_q(request_or_user),
    )


def employment_for_staff(request: HttpRequest, pk: int) -> Employment:
    employment = (
        employments_for_staff(request)
        .filter(pk=pk)
        .select_related("participant", "employer", "position", "hiring_case")
        .first()
    )
    if employment is None:
        raise Http404
    return employment


def employments_of_employer(request_or_user: Any) -> QuerySet[Employment]:
    """An employer's own MB staff, loading only EMPLOYER_FIELDS (never the benefit)."""
    orgs = employer_org_ids(request_or_user)
    if not orgs:
        return Employment.objects.none()
    # A protected participant's record is shown only to users named for them (ADR 0009), so
    # an employer needs a grant too; their own HR records are not Brobygger's business.
    return (
        Employment.objects.filter(participants_visible_q(request_or_user), employer__in=orgs)
        .select_related("participant", "employer", "position")
        .only(*EMPLOYER_FIELDS)
    )


def employment_for_employer(request: HttpRequest, pk: int) -> Employment:
    employment = employments_of_employer(request).filter(pk=pk).first()
    if employment is None:
        raise Http404
    return employment
