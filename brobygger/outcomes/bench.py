"""A large synthetic history for `manage.py bench_outcomes`: invented people only, no national
id numbers, written with bulk_create in batches. Deterministic for a given seed."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from brobygger.accounts.models import Membership, Role, User
from brobygger.completion.models import Completion
from brobygger.core.months import add_months
from brobygger.employment.models import (
    Benefit,
    Employment,
    EmploymentFunding,
    EmploymentPercent,
    EmploymentSource,
    FundingSource,
    JobKind,
)
from brobygger.enrolments.models import EndingReason, Enrolment, Participant, StatusChange
from brobygger.enrolments.models import Status as S
from brobygger.followup.models import FOLLOW_UP_MONTHS, FollowUpKind, FollowUpOutcome
from brobygger.organisations.models import Municipality, Organisation, OrganisationKind
from brobygger.programmes.models import Cohort, Programme, ProgrammeVersion

BATCH = 2000
PREFIX = "bench-"
# Where the programmes are run from: one per county, more or less.
OWNER_MUNICIPALITIES = (
    "0301", "4601", "1103", "5001", "5501", "3301", "3901", "4204", "1506", "3403", "3201",
    "1804",
)  # fmt: skip
REASONS = (
    [EndingReason.ILLNESS] * 5
    + [EndingReason.GOT_JOB] * 3
    + [EndingReason.OTHER_SUPPORT] * 3
    + [EndingReason.MOVED, EndingReason.NO_SHOW, EndingReason.REQUIREMENTS_NOT_MET]
)


@dataclass
class BenchUsers:
    coordinator: User
    county_coordinator: User
    analyst: User


def generate(*, participants: int, seed: int = 2006, first_year: int = 2012) -> BenchUsers:
    rng = random.Random(seed)  # noqa: S311 - invented data, not security
    today = timezone.localdate()
    last_year = today.year - 1
    municipalities = list(Municipality.objects.select_related("county"))
    by_county: dict[str, list[Municipality]] = {}
    county_of: dict[str, str] = {}
    for m in municipalities:
        by_county.setdefault(m.county_id, []).append(m)
        county_of[m.number] = m.county_id
    owners = [
        Organisation(
            name=f"{PREFIX}MB-utdanning {number}",
            kind=OrganisationKind.MUNICIPAL_UNIT,
            municipality_id=number,
        )
        for number in OWNER_MUNICIPALITIES
        if any(m.number == number for m in municipalities)
    ]
    Organisation.objects.bulk_create(owners)
    employer = Organisation.objects.create(
        name=f"{PREFIX}arbeidsgiver", kind=OrganisationKind.EMPLOYER, municipality_id="0301"
    )
    cohorts: list[Cohort] = []
    for owner in owners:
        programme = Programme.objects.create(name=f"{PREFIX}{owner.name}", organisation=owner)
        version = ProgrammeVersion.objects.create(programme=programme, name="1")
        for year in range(first_year, last_year + 2):
            start = dt.date(year, 8, 20)
            cohorts.append(
                Cohort(
                    version=version,
                    name=f"Kull {year}",
                    start_date=start,
                    end_date=start + dt.timedelta(weeks=44),
                    capacity=500,
                )
            )
    Cohort.objects.bulk_create(cohorts, batch_size=BATCH)
    users = _users(owners[0])
    confirmer = users.coordinator

    people: list[Participant] = []
    enrolments: list[Enrolment] = []
    plans: list[list[tuple[str, dt.date, str]]] = []
    for n in range(participants):
        cohort = rng.choice(cohorts)
        owner_county = county_of[cohort.version.programme.organisation.municipality_id]
        pool = by_county[owner_county] if rng.random() < 0.8 else municipalities
        home = None if rng.random() < 0.02 else rng.choice(pool)
        people.append(
            Participant(first_name="Syntetisk", last_name=f"Person {n}", municipality=home)
        )
        steps = _steps(rng, cohort, today)
        plans.append(steps)
        enrolments.append(Enrolment(cohort=cohort, status=steps[-1][0], applied_on=steps[0][1]))
    Participant.objects.bulk_create(people, batch_size=BATCH)
    for person, enrolment in zip(people, enrolments, strict=True):
        enrolment.participant = person
    Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)

    changes, completions = [], []
    for enrolment, steps in zip(enrolments, plans, strict=True):
        for i, (status, on, reason) in enumerate(steps):
            valid_to = steps[i + 1][1] if i + 1 < len(steps) else None
            changes.append(
                StatusChange(
                    enrolment=enrolment,
                    status=status,
                    valid_from=on,
                    valid_to=valid_to,
                    reason=reason,
                )  # fmt: skip
            )
        if steps[-1][0] == S.FULLFORT:
            completions.append(
                Completion(
                    enrolment=enrolment,
                    completed_on=steps[-1][1],
                    confirmed_by=confirmer,
                    confirmed_at=timezone.now(),
                    theory_hours=Decimal("180"),
                    practice_weeks=20,
                    assignment_approved=True,
                    version=enrolment.cohort.version,
                )
            )
    StatusChange.objects.bulk_create(changes, batch_size=BATCH)
    Completion.objects.bulk_create(completions, batch_size=BATCH)
    jobs = _jobs(rng, completions, employer, today)
    _answers(rng, completions, jobs, today, confirmer)
    return users


def _steps(rng: random.Random, cohort: Cohort, today: dt.date) -> list[tuple[str, dt.date, str]]:
    start, end = cohort.start_date, cohort.end_date
    applied = start - dt.timedelta(days=rng.randint(40, 120))
    steps: list[tuple[str, dt.date, str]] = [
        (S.SOKT_INN, applied, ""),
        (S.VURDERES, applied + dt.timedelta(days=10), ""),
    ]
    if start > today:
        return steps
    roll = rng.random()
    if roll < 0.08:
        return steps + [(S.IKKE_AKTUELL, start - dt.timedelta(days=14), EndingReason.COHORT_FULL)]
    steps += [(S.VENTER_PA_OPPSTART, start - dt.timedelta(days=14), ""), (S.DELTAR, start, "")]
    if roll < 0.36:
        left = min(today, start + dt.timedelta(days=rng.randint(14, 290)))
        return steps + [(S.AVBRUTT, left, rng.choice(REASONS))]
    if end > today:
        return steps
    return steps + [(S.FULLFORT, end - dt.timedelta(days=rng.randint(0, 6)), "")]


def _jobs(
    rng: random.Random, completions: list[Completion], employer: Organisation, today: dt.date
) -> list[Employment]:
    jobs, percents, funding = [], [], []
    for completion in completions:
        if rng.random() > 0.72:
            continue
        start = completion.completed_on + dt.timedelta(days=rng.randint(-30, 400))
        if start > today:
            continue
        end = start + dt.timedelta(days=rng.randint(90, 900)) if rng.random() < 0.35 else None
        job = Employment(
            participant_id=completion.enrolment.participant_id,
            employer=employer,
            source=EmploymentSource.OUTSIDE,
            job_title="Erfaringskonsulent",
            kind=rng.choice(JobKind.values),
            start_date=start,
            end_date=end if end is None or end <= today else None,
            benefit=rng.choice(Benefit.values),
        )
        jobs.append(job)
    Employment.objects.bulk_create(jobs, batch_size=BATCH)
    for job in jobs:
        percent = rng.choice((20, 30, 40, 50, 50, 50, 50, 60, 80, 100))
        percents.append(
            EmploymentPercent(employment=job, percent=percent, valid_from=job.start_date)
        )
        sources = rng.sample(FundingSource.values, rng.choice((1, 1, 2)))
        for source in sources:
            funding.append(
                EmploymentFunding(employment=job, source=source,
                                  share_percent=100 // len(sources), valid_from=job.start_date)
            )  # fmt: skip
    EmploymentPercent.objects.bulk_create(percents, batch_size=BATCH)
    EmploymentFunding.objects.bulk_create(funding, batch_size=BATCH)
    return jobs


def _answers(
    rng: random.Random,
    completions: list[Completion],
    jobs: list[Employment],
    today: dt.date,
    by: User,
) -> None:
    """Follow-up answers (ADR 0016: what the figures count): nine in ten asked once the date
    has come, mostly saying what the record says, now and then a job never registered."""
    held: dict[int, list[Employment]] = {}
    for job in jobs:
        held.setdefault(job.participant_id, []).append(job)
    answers = []
    for completion in completions:
        participant = completion.enrolment.participant_id
        for months in FOLLOW_UP_MONTHS:
            due = add_months(completion.completed_on, months)
            if due > today or rng.random() < 0.1:
                continue
            employed = any(job.is_active_on(due) for job in held.get(participant, []))
            employed = employed or rng.random() < 0.05
            answers.append(
                FollowUpOutcome(
                    participant_id=participant,
                    kind=FollowUpKind.COMPLETION,
                    completion=completion,
                    months=months,
                    due_on=due,
                    answered_on=due,
                    employed=employed,
                    percent=50 if employed else None,
                    recorded_by=by,
                )  # fmt: skip
            )
    FollowUpOutcome.objects.bulk_create(answers, batch_size=BATCH)


def _users(owner: Organisation) -> BenchUsers:
    county = Organisation.objects.create(
        name=f"{PREFIX}NAV fylke", kind=OrganisationKind.NAV_OFFICE,
        municipality_id=owner.municipality_id,
    )  # fmt: skip
    national = Organisation.objects.create(
        name=f"{PREFIX}analyse", kind=OrganisationKind.NATIONAL, municipality_id="0301"
    )
    made = {}
    for key, role, org in (
        ("coordinator", Role.COORDINATOR, owner),
        ("county_coordinator", Role.COUNTY_COORDINATOR, county),
        ("analyst", Role.ANALYST, national),
    ):
        user = User.objects.create_user(username=f"{PREFIX}{key}", password=None)
        Membership.objects.create(user=user, organisation=org, role=role)
        made[key] = user
    return BenchUsers(**made)
