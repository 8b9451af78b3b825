"""Test helpers for the employment app (synthetic people and organisations only)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from brobygger.accounts.models import Role
from brobygger.completion.models import Completion
from brobygger.employment import services
from brobygger.employment.funding import FundingRow
from brobygger.employment.models import (
    Benefit,
    CandidateProfile,
    Employment,
    FundingSource,
    HiringCase,
    HiringStatus,
    JobKind,
    Position,
)
from brobygger.employment.transitions import EMPLOYER
from brobygger.enrolments.models import Enrolment, Participant, Status
from brobygger.organisations.models import Organisation, OrganisationKind
from brobygger.testing import make_enrolment, make_org, make_participant, make_user

# Valid-checksum organisation numbers made up for tests, and one with a wrong check digit.
ORGNR_OK = "920000010"
ORGNR_OK_2 = "920000029"
ORGNR_BAD_CHECK = "920000011"

TODAY = dt.date(2026, 6, 1)
FROZEN = dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)


def make_employer_org(
    name: str | None = None, *, kommune: str = "4601", orgnr: str = ""
) -> Organisation:
    org = make_org(name, kind=OrganisationKind.EMPLOYER, kommune=kommune)
    if orgnr:
        org.orgnr = orgnr
        org.save(update_fields=["orgnr"])
    return org


def make_employer(org: Organisation | None = None) -> Any:
    return make_user(role=Role.EMPLOYER, org=org or make_employer_org())


def position_fields(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": "Erfaringskonsulent",
        "service_unit": "Psykisk helse og rus",
        "percent": 50,
        "kind": JobKind.PROJECT,
        "start_date": dt.date(2026, 8, 1),
        "end_date": None,
        "description": "Bidra med brukerperspektivet i teamet.",
        "funding": [FundingRow(FundingSource.MB_FUNDS, 100, dt.date(2026, 8, 1), None)],
    }
    fields.update(overrides)
    return fields


def make_position(employer_user: Any, org: Organisation, **overrides: Any) -> Position:
    return services.position_create(by=employer_user, employer=org, **position_fields(**overrides))


def complete(enrolment: Enrolment, *, on: dt.date = dt.date(2025, 6, 20), by: Any = None) -> None:
    """Mark an enrolment completed without going through the requirement checks."""
    Completion.objects.create(
        enrolment=enrolment,
        completed_on=on,
        confirmed_by=by or make_user(),
        confirmed_at=timezone.now(),
        theory_hours=Decimal("180"),
        practice_weeks=20,
        assignment_approved=True,
        version=enrolment.cohort.version,
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Status.FULLFORT)


def profile_fields(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "headline": "Erfaren likeperson som vil jobbe i rusfeltet",
        "about": "Jeg har egen erfaring og har fullført utdanningen.",
        "work_wanted": "Oppfølging i lavterskeltilbud.",
        "percent_wanted": 50,
        "municipality": None,
        "area": "Bergenhus",
        "show_completion_year": True,
        "show_email": False,
    }
    fields.update(overrides)
    return fields


def publish_profile(
    participant: Participant, *, by: Any = None, **overrides: Any
) -> CandidateProfile:
    by = by or participant.user or make_user()
    services.profile_save(by=by, participant=participant, **profile_fields(**overrides))
    return services.profile_publish(by=by, participant=participant, consent_confirmed=True)


def make_candidate(personas: Any, first_name: str = "Kandidat", **profile: Any) -> Participant:
    """A participant taking part in Bergen's cohort with a published, consented profile."""
    participant = make_participant(first_name, email=f"{first_name.lower()}@example.test")
    make_enrolment(personas.cohort, participant=participant)
    publish_profile(participant, **profile)
    return participant


def offer_case(personas: Any, position: Position, participant: Participant) -> HiringCase:
    """An invitation moved to OFFER by the employer."""
    case = services.hiring_invite(
        by=personas.employer, position=position, participant=participant, on=TODAY
    )
    for step in (HiringStatus.INTERVIEW, HiringStatus.OFFER):
        actor = "candidate" if step == HiringStatus.INTERVIEW else EMPLOYER
        case = services.hiring_transition(
            by=personas.employer, case=case, to=step, actor=actor, on=TODAY
        )
    return case


def make_employment(
    personas: Any, participant: Participant | None = None, **overrides: Any
) -> Employment:
    """An outside job at the personas' employer organisation, registered by the coordinator."""
    if participant is None:
        participant = personas.enrolment.participant
    fields: dict[str, Any] = {
        "job_title": "Erfaringskonsulent",
        "kind": JobKind.PERMANENT,
        "start_date": dt.date(2026, 1, 1),
        "percent": 50,
        "benefit": Benefit.AAP,
        "funding": [FundingRow(FundingSource.ORDINARY_BUDGET, 100, dt.date(2026, 1, 1), None)],
    }
    fields.update(overrides)
    return services.employment_register_outside(
        by=personas.coordinator, participant=participant, employer=personas.employer_org, **fields
    )
