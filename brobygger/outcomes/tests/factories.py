"""Histories for outcome tests, written straight to the models (synthetic people only).

Rows are created directly, as the demo does, so these tests depend on the models' meaning
(statuses, the Completion row, Employment with dated percents and funding), not on the other
apps' forms and write rules.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from brobygger.accounts.models import User
from brobygger.completion.models import Completion
from brobygger.core.months import add_months
from brobygger.employment.models import (
    Employment,
    EmploymentFunding,
    EmploymentPercent,
    EmploymentSource,
)
from brobygger.enrolments.models import Enrolment, Participant, Status, StatusChange
from brobygger.followup.models import FollowUpKind, FollowUpOutcome
from brobygger.organisations.models import Organisation
from brobygger.programmes.models import Cohort

S = Status
_seq = itertools.count(1)
# Today in every outcome test: long after the personas' cohort (2026-08-17 .. 2027-06-21).
TODAY = dt.datetime(2029, 3, 1, 12, 0, tzinfo=dt.UTC)

PATHS: dict[str, tuple[str, ...]] = {
    S.SOKT_INN: (S.SOKT_INN,),
    S.VENTELISTE: (S.SOKT_INN, S.VURDERES, S.VENTELISTE),
    S.IKKE_AKTUELL: (S.SOKT_INN, S.VURDERES, S.IKKE_AKTUELL),
    S.VENTER_PA_OPPSTART: (S.SOKT_INN, S.VURDERES, S.VENTER_PA_OPPSTART),
    S.DELTAR: (S.SOKT_INN, S.VURDERES, S.VENTER_PA_OPPSTART, S.DELTAR),
    S.PERMISJON: (S.SOKT_INN, S.VURDERES, S.VENTER_PA_OPPSTART, S.DELTAR, S.PERMISJON),
    S.FULLFORT: (S.SOKT_INN, S.VURDERES, S.VENTER_PA_OPPSTART, S.DELTAR, S.FULLFORT),
    S.AVBRUTT: (S.SOKT_INN, S.VURDERES, S.VENTER_PA_OPPSTART, S.DELTAR, S.AVBRUTT),
}


def enrol(
    cohort: Cohort,
    status: str,
    *,
    municipality: str | None = "4601",
    reason: str = "",
    completed_on: dt.date | None = None,
    by: Any = None,
    path: tuple[str, ...] | None = None,
) -> Enrolment:
    """One participant with a full status history ending in `status`."""
    n = next(_seq)
    participant = Participant.objects.create(
        first_name="Test", last_name=f"Utfall{n}", municipality_id=municipality
    )
    steps = path or PATHS[status]
    enrolment = Enrolment.objects.create(
        participant=participant,
        cohort=cohort,
        status=steps[-1],
        applied_on=cohort.start_date - dt.timedelta(days=60),
    )
    days = [
        cohort.start_date - dt.timedelta(days=60),
        cohort.start_date - dt.timedelta(days=40),
        cohort.start_date - dt.timedelta(days=20),
        cohort.start_date,
        completed_on or cohort.end_date,
        cohort.end_date + dt.timedelta(days=1),
    ]
    for i, step in enumerate(steps):
        StatusChange.objects.create(
            enrolment=enrolment,
            status=step,
            valid_from=days[i],
            valid_to=days[i + 1] if i + 1 < len(steps) else None,
            reason=reason if step in (S.AVBRUTT, S.IKKE_AKTUELL) else "",
        )
    if steps[-1] == S.FULLFORT:
        Completion.objects.create(
            enrolment=enrolment,
            completed_on=completed_on or cohort.end_date,
            confirmed_by=by or _confirmer(),
            confirmed_at=timezone.now(),
            theory_hours=Decimal("180"),
            practice_weeks=20,
            assignment_approved=True,
            version=cohort.version,
        )
    return enrolment


def _confirmer() -> User:
    user, _created = User.objects.get_or_create(username="bekrefter")
    return user


def job(
    enrolment: Enrolment,
    employer: Organisation,
    *,
    start: dt.date,
    end: dt.date | None = None,
    kind: str = "permanent",
    percent: int = 50,
    benefit: str = "none",
    sources: tuple[str, ...] = ("ordinary_budget",),
) -> Employment:
    employment = Employment.objects.create(
        participant=enrolment.participant,
        employer=employer,
        source=EmploymentSource.OUTSIDE,
        job_title="Erfaringskonsulent",
        kind=kind,
        start_date=start,
        end_date=end,
        benefit=benefit,
    )
    EmploymentPercent.objects.create(employment=employment, percent=percent, valid_from=start)
    for source in sources:
        EmploymentFunding.objects.create(
            employment=employment,
            source=source,
            share_percent=100 // len(sources),
            valid_from=start,
        )
    return employment


def answer(
    enrolment: Enrolment,
    months: int,
    *,
    employed: bool,
    percent: int | None = None,
    answered_on: dt.date | None = None,
) -> FollowUpOutcome:
    """The recorded follow-up answer for a completer at 6 or 12 months (ADR 0016)."""
    completion = Completion.objects.get(enrolment=enrolment)
    due = add_months(completion.completed_on, months)
    return FollowUpOutcome.objects.create(
        participant=enrolment.participant,
        kind=FollowUpKind.COMPLETION,
        completion=completion,
        months=months,
        due_on=due,
        answered_on=answered_on or due,
        employed=employed,
        percent=(percent or 50) if employed else None,
        recorded_by=_confirmer(),
    )
