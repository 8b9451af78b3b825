"""A synthetic history for `manage.py bench_lists` (issue 16): invented people only, written
with bulk_create. One programme run by one coordinator over many years, so every list that grows
with history has something to grow on:

- cohorts: two a year back from today (the cohort list; the biggest is the overview's);
- participants and enrolments spread over them, most completed or discontinued;
- completions with follow-up answers for most of those due (the follow-up list's overdue);
- employments at one employer (the employment list, the employer's staff list);
- a current cohort of 25 taking part with a session held yesterday (the attendance grid).
"""

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
    EmploymentPercent,
    EmploymentSource,
    JobKind,
)
from brobygger.enrolments.models import Enrolment, Participant, StatusChange
from brobygger.enrolments.models import Status as S
from brobygger.followup.models import FOLLOW_UP_MONTHS, FollowUpKind, FollowUpOutcome
from brobygger.organisations.models import Organisation, OrganisationKind
from brobygger.programmes.models import Cohort, Programme, ProgrammeVersion, Session

BATCH = 2000
PREFIX = "benchlists-"
GRID = 25


@dataclass
class BenchLists:
    coordinator: User
    teacher: User
    employer: User
    big_cohort: Cohort
    grid_session: Session
    grid_enrolments: list[Enrolment]


def generate(*, participants: int, seed: int = 16) -> BenchLists:
    rng = random.Random(seed)  # noqa: S311 - invented data, not security
    today = timezone.localdate()
    owner = Organisation.objects.create(
        name=f"{PREFIX}MB-utdanning", kind=OrganisationKind.MUNICIPAL_UNIT, municipality_id="4601"
    )
    employer_org = Organisation.objects.create(
        name=f"{PREFIX}arbeidsgiver", kind=OrganisationKind.EMPLOYER, municipality_id="4601"
    )
    users = {}
    for key, role, org in (
        ("coordinator", Role.COORDINATOR, owner),
        ("teacher", Role.TEACHER, owner),
        ("employer", Role.EMPLOYER, employer_org),
    ):
        user = User.objects.create_user(username=f"{PREFIX}{key}", password=None, first_name=key)
        Membership.objects.create(user=user, organisation=org, role=role)
        users[key] = user
    programme = Programme.objects.create(name=f"{PREFIX}program", organisation=owner)
    version = ProgrammeVersion.objects.create(programme=programme, name="1")

    # Two cohorts a year, the last one started this autumn or spring; each ~44 weeks.
    years = 20
    cohorts = []
    for n in range(years * 2):
        start = add_months(dt.date(today.year, 8 if n % 2 == 0 else 1, 20), -12 * (n // 2))
        if start > today:
            start = add_months(start, -12)
        cohorts.append(
            Cohort(
                version=version,
                name=f"Kull {start:%Y-%m} {n}",
                start_date=start,
                end_date=start + dt.timedelta(weeks=44),
                capacity=30000,  # a smallint; admissions are not measured
            )
        )
    Cohort.objects.bulk_create(cohorts)
    for cohort in cohorts:
        cohort.coordinators.add(users["coordinator"])
    past = [c for c in cohorts if c.end_date < today]

    people, enrolments = [], []
    for n in range(participants):
        cohort = rng.choice(past)
        roll = rng.random()
        status = S.FULLFORT if roll < 0.6 else S.AVBRUTT if roll < 0.85 else S.IKKE_AKTUELL
        people.append(Participant(first_name="Syntetisk", last_name=f"Person {n:07d}"))
        enrolments.append(
            Enrolment(cohort=cohort, status=status, applied_on=cohort.start_date - dt.timedelta(60))
        )
    Participant.objects.bulk_create(people, batch_size=BATCH)
    for person, enrolment in zip(people, enrolments, strict=True):
        enrolment.participant = person
    Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)

    completions = [
        Completion(
            enrolment=e,
            completed_on=e.cohort.end_date - dt.timedelta(days=rng.randint(0, 6)),
            confirmed_by=users["coordinator"],
            confirmed_at=timezone.now(),
            theory_hours=Decimal("180"),
            practice_weeks=20,
            assignment_approved=True,
            version=version,
        )
        for e in enrolments
        if e.status == S.FULLFORT
    ]
    Completion.objects.bulk_create(completions, batch_size=BATCH)
    answers = []
    for completion in completions:
        for months in FOLLOW_UP_MONTHS:
            due = add_months(completion.completed_on, months)
            if due > today or rng.random() < 0.1:  # one in ten never answered: overdue
                continue
            answers.append(
                FollowUpOutcome(
                    participant_id=completion.enrolment.participant_id,
                    kind=FollowUpKind.COMPLETION,
                    completion=completion,
                    months=months,
                    due_on=due,
                    answered_on=due,
                    employed=rng.random() < 0.6,
                    recorded_by=users["coordinator"],
                )
            )
    FollowUpOutcome.objects.bulk_create(answers, batch_size=BATCH)
    jobs = []
    for completion in completions:
        if rng.random() < 0.6:
            start = completion.completed_on + dt.timedelta(days=rng.randint(10, 200))
            if start <= today:
                jobs.append(
                    Employment(
                        participant_id=completion.enrolment.participant_id,
                        employer=employer_org,
                        source=EmploymentSource.OUTSIDE,
                        job_title="Erfaringskonsulent",
                        kind=rng.choice(JobKind.values),
                        start_date=start,
                        benefit=rng.choice(Benefit.values),
                    )
                )
    Employment.objects.bulk_create(jobs, batch_size=BATCH)
    EmploymentPercent.objects.bulk_create(
        [EmploymentPercent(employment=j, percent=50, valid_from=j.start_date) for j in jobs],
        batch_size=BATCH,
    )

    # The attendance grid: the current cohort, 25 taking part since its start.
    current = max(cohorts, key=lambda c: c.start_date)
    current.teachers.add(users["teacher"])
    grid_people = [
        Participant(first_name="Rutenett", last_name=f"Deltaker {n:02d}") for n in range(GRID)
    ]
    Participant.objects.bulk_create(grid_people)
    grid = [
        Enrolment(cohort=current, participant=p, status=S.DELTAR, applied_on=current.start_date)
        for p in grid_people
    ]
    Enrolment.objects.bulk_create(grid)
    StatusChange.objects.bulk_create(
        [StatusChange(enrolment=e, status=S.DELTAR, valid_from=current.start_date) for e in grid]
    )
    held = max(current.start_date, today - dt.timedelta(days=1))
    session = Session.objects.create(
        cohort=current, date=held, start_time=dt.time(9), end_time=dt.time(12), topic="Benk"
    )
    sizes = {c.pk: 0 for c in past}
    for e in enrolments:
        sizes[e.cohort_id] += 1
    big = max(past, key=lambda c: sizes[c.pk])
    return BenchLists(
        coordinator=users["coordinator"],
        teacher=users["teacher"],
        employer=users["employer"],
        big_cohort=big,
        grid_session=session,
        grid_enrolments=grid,
    )
