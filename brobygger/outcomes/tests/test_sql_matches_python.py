"""The figures counted in the database give exactly the cube the old Python path gave
(`python_path.py`: every enrolment and completer fetched and counted in Python), on random
synthetic histories that reach every corner the definitions have: histories missing the
"taking part" row, several discontinuations, completions at month ends (whose follow-up date
is clamped), answers or none, several jobs with equal start dates, jobs ended before
completion or begun after today, percents changed over time or only later, funding and
benefit periods that end, two completions of one person, unknown homes."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db.models import Q

from brobygger.completion.models import Completion
from brobygger.employment.models import (
    Benefit,
    EmploymentBenefit,
    EmploymentFunding,
    EmploymentPercent,
    FundingSource,
    JobKind,
)
from brobygger.enrolments.models import EndingReason, Enrolment, StatusChange
from brobygger.enrolments.models import Status as S
from brobygger.organisations.models import OrganisationKind
from brobygger.outcomes.figures import outcome_cube
from brobygger.outcomes.filters import Filters
from brobygger.outcomes.scope import Scope, national_scope
from brobygger.outcomes.tests.factories import PATHS, answer, enrol, job
from brobygger.outcomes.tests.python_path import old_outcome_cube
from brobygger.testing import make_cohort, make_org, make_programme

pytestmark = pytest.mark.django_db

D = dt.date
HOMES = ("4601", "4624", "1103", "0301", None)
STATUSES = (S.SOKT_INN, S.VENTELISTE, S.IKKE_AKTUELL, S.VENTER_PA_OPPSTART, S.DELTAR,
            S.PERMISJON, S.FULLFORT, S.FULLFORT, S.FULLFORT, S.AVBRUTT, S.AVBRUTT)  # fmt: skip
# Month ends and the days around them, where "completion + 6 months" is clamped.
COMPLETION_DAYS = (D(2027, 6, 21), D(2027, 8, 31), D(2027, 8, 29), D(2028, 2, 29),
                   D(2027, 12, 31), D(2028, 8, 31), D(2028, 9, 1))  # fmt: skip


def _history(rng: random.Random) -> None:
    employer = make_org("Arbeidsgiver AS", kind=OrganisationKind.EMPLOYER)
    cohorts = []
    for name in ("Bergen", "Oslo"):
        version = make_programme(make_org(f"MB {name}"))
        cohorts += [make_cohort(version, start=D(year, 8, 17)) for year in (2025, 2026, 2027)]
    completers = []
    for _ in range(70):
        cohort = rng.choice(cohorts)
        status = rng.choice(STATUSES)
        path = PATHS[status]
        if status in (S.PERMISJON, S.AVBRUTT, S.FULLFORT) and rng.random() < 0.2:
            path = tuple(s for s in path if s != S.DELTAR)  # an imported history, row missing
        completed = rng.choice(COMPLETION_DAYS) if status == S.FULLFORT else None
        enrolment = enrol(
            cohort,
            status,
            municipality=rng.choice(HOMES),
            path=path,
            reason=rng.choice([*EndingReason.values, ""]),
            completed_on=completed,
        )
        if status == S.AVBRUTT and rng.random() < 0.3:  # left twice: the larger reason counts
            StatusChange.objects.create(
                enrolment=enrolment,
                status=S.AVBRUTT,
                valid_from=D(2027, 1, 1),
                reason=EndingReason.MOVED,
            )
        if status == S.FULLFORT:
            completers.append(enrolment)
    # One person completes twice (a second cohort): both completions count their jobs.
    twice = completers[0]
    other = next(c for c in cohorts if c.pk != twice.cohort_id)
    again = enrol(other, S.FULLFORT, completed_on=D(2028, 6, 1))
    Enrolment.objects.filter(pk=again.pk).update(participant=twice.participant)
    completers.append(Enrolment.objects.get(pk=again.pk))
    for enrolment in completers:
        completion = Completion.objects.get(enrolment=enrolment)
        for months in (6, 12):
            if rng.random() < 0.5:
                answer(enrolment, months, employed=rng.random() < 0.6)
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            _job(rng, enrolment, employer, completion.completed_on)


def _job(rng: random.Random, enrolment: Enrolment, employer, completed: dt.date) -> None:
    start = completed + dt.timedelta(days=rng.choice((-400, -30, -1, 0, 0, 12, 45, 300, 900)))
    end = rng.choice((None, None, start + dt.timedelta(days=rng.choice((10, 200, 700)))))
    employment = job(
        enrolment,
        employer,
        start=start,
        end=end,
        kind=rng.choice(JobKind.values),
        percent=rng.choice((20, 50, 80, 100)),
        benefit=rng.choice(Benefit.values),
        sources=tuple(rng.sample(FundingSource.values, rng.choice((0, 1, 2)))),
    )
    if rng.random() < 0.3:  # the percent changes later
        EmploymentPercent.objects.create(employment=employment, percent=rng.choice((40, 60, 99)),
                                         valid_from=start + dt.timedelta(days=40))  # fmt: skip
    elif rng.random() < 0.3:  # only a later percent: the first one is moved past the start
        EmploymentPercent.objects.filter(employment=employment).update(
            valid_from=start + dt.timedelta(days=500)
        )
    if rng.random() < 0.3:  # a funding period that ended, or begins later
        EmploymentFunding.objects.create(
            employment=employment, source=rng.choice(FundingSource.values), share_percent=50,
            valid_from=start - dt.timedelta(days=30),
            valid_to=start + dt.timedelta(days=rng.choice((-5, 20))),
        )  # fmt: skip
    if rng.random() < 0.4:  # a dated benefit period in force at the start, or not
        EmploymentBenefit.objects.create(
            employment=employment, kind=rng.choice(Benefit.values),
            valid_from=start + dt.timedelta(days=rng.choice((-10, 0, 5))),
        )  # fmt: skip


def _views() -> list[tuple[Scope, Filters]]:
    vestland = Q(participant__municipality__county="46")
    county = Scope("fylke", "Vestland", vestland, suppressed=True, counties=("46",))
    return [
        (national_scope(), Filters()),
        (national_scope(), Filters(municipality="4601")),
        (national_scope(), Filters(year_from=2026, year_to=2026)),
        (county, Filters()),
    ]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("today", [D(2028, 2, 29), D(2028, 3, 1), D(2029, 3, 1)])
def test_the_database_counts_what_python_counted(seed, today):
    _history(random.Random(seed))

    for scope, filters in _views():
        new = outcome_cube(scope=scope, filters=filters, today=today)
        old = old_outcome_cube(scope=scope, filters=filters, today=today)

        assert {k: v for k, v in new.values.items() if v} == {
            k: v for k, v in old.values.items() if v
        }
        assert new.medians == old.medians
        assert new.members == old.members
        assert new.labels == old.labels
        assert new.published == old.published
        # Not an empty comparison: the history reaches the first-job breakdowns.
        assert new.values[("got_job", "alle", "")] > 0 or filters != Filters()
