"""Reads: what the public check page may say about a code, and the diploma's printed facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from brobygger.diplomas.codes import normalise
from brobygger.diplomas.models import Diploma


@dataclass(frozen=True)
class Verification:
    state: str  # "valid", "invalid" or "unknown"
    initials: str = ""
    programme: str = ""
    completed_on: dt.date | None = None


def _initials(first: str, last: str) -> str:
    return "".join(f"{part[0]}." for part in (first, last) if part).upper()


def verify(raw_code: str) -> Verification:
    """Initials, programme and date for a valid code; nothing else, ever (one query)."""
    code = normalise(raw_code)
    if not code:
        return Verification("unknown")
    diploma = (
        Diploma.objects.filter(code=code)
        .select_related("completion__enrolment__participant", "completion__version__programme")
        .first()
    )
    if diploma is None:
        return Verification("unknown")
    if not diploma.is_valid:
        return Verification("invalid")
    person = diploma.completion.enrolment.participant
    return Verification(
        "valid",
        initials=_initials(person.first_name, person.last_name),
        programme=diploma.completion.version.programme.name,
        completed_on=diploma.completion.completed_on,
    )


@dataclass(frozen=True)
class DiplomaHistory:
    current: Diploma | None  # the valid diploma, if there is one
    latest: Diploma | None  # the newest diploma, valid or not
    earlier: list[Diploma]  # every other diploma, newest first (all invalidated)


def diploma_history(completion_id: int) -> DiplomaHistory:
    """The completion's diplomas: the valid one (at most one), the newest, and the earlier
    invalidated ones. One query."""
    diplomas = list(
        Diploma.objects.filter(completion_id=completion_id).order_by("-issued_at", "-pk")
    )
    current = next((d for d in diplomas if d.is_valid), None)
    latest = diplomas[0] if diplomas else None
    return DiplomaHistory(current=current, latest=latest, earlier=diplomas[1:])


@dataclass(frozen=True)
class DiplomaFacts:
    name: str
    programme: str
    organisation: str
    partners: list[str]
    cohort: str
    started_on: dt.date
    completed_on: dt.date
    theory_hours: Decimal
    practice_weeks: int
    assignment_approved: bool
    code: str
    issued_on: dt.date


def diploma_facts(diploma: Diploma) -> DiplomaFacts:
    completion = diploma.completion
    enrolment = completion.enrolment
    programme = completion.version.programme
    person = enrolment.participant
    return DiplomaFacts(
        name=f"{person.first_name} {person.last_name}",
        programme=programme.name,
        organisation=programme.organisation.name,
        partners=[p.name for p in programme.partners.all()],
        cohort=enrolment.cohort.name,
        started_on=enrolment.cohort.start_date,
        completed_on=completion.completed_on,
        theory_hours=completion.theory_hours,
        practice_weeks=completion.practice_weeks,
        assignment_approved=completion.assignment_approved,
        code=diploma.display_code,
        issued_on=diploma.issued_at.date(),
    )
