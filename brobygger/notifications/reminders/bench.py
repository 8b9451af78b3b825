"""Synthetic data for `manage.py bench_reminders`: the outcome benchmark's history
(`outcomes.bench.generate`: participants, cohorts, completions, employments) plus what the
reminders read: staff in every organisation, sessions and attendance, placements and
timesheets, written assignments, applications, contact messages and wage subsidy agreements.
Invented people only, no national id numbers, bulk_create in batches, deterministic per seed."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from brobygger.accounts.models import Membership, Role, User
from brobygger.assessments.models import Assessment, Outcome, Submission
from brobygger.attendance.models import AttendanceRecord, AttendanceStatus
from brobygger.contacts.models import ContactMessage
from brobygger.enrolments.models import Enrolment, Participant, Status
from brobygger.organisations.models import Municipality, Organisation, OrganisationKind
from brobygger.outcomes import bench as outcomes_bench
from brobygger.placements.models import Placement, PlacementPercent, Timesheet, TimesheetStatus
from brobygger.placements.rules import monday_of
from brobygger.programmes.models import Cohort, Session
from brobygger.subsidy.models import Agreement, AgreementStatus

BATCH = 2000
PREFIX = "bench-r-"


def _user(name: str) -> User:
    # An unusable password: hashing one per user would dominate the set-up time.
    return User(username=f"{PREFIX}{name}", password="!", first_name="Syntetisk", last_name=name)


def generate(*, participants: int, today: dt.date, seed: int = 2011) -> dict[str, int]:
    rng = random.Random(seed)  # noqa: S311 - invented data, not security
    outcomes_bench.generate(participants=participants)
    owners = list(Organisation.objects.filter(name__startswith=f"{outcomes_bench.PREFIX}MB-"))
    now = timezone.now()

    # Staff: two coordinators, a teacher, a supervisor (at a host) and a caseworker (at a NAV
    # office) per owner; one county coordinator per county of an owner.
    hosts = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"{PREFIX}praksis {o.pk}",
                kind=OrganisationKind.PLACEMENT_SITE,
                municipality_id=o.municipality_id,
            )
            for o in owners
        ]
    )
    navs = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"{PREFIX}NAV {o.pk}",
                kind=OrganisationKind.NAV_OFFICE,
                municipality_id=o.municipality_id,
            )
            for o in owners
        ]
    )
    staff: list[tuple[User, Organisation, str]] = []
    for owner, host, nav in zip(owners, hosts, navs, strict=True):
        staff += [
            (_user(f"koordinator-{owner.pk}-a"), owner, Role.COORDINATOR),
            (_user(f"koordinator-{owner.pk}-b"), owner, Role.COORDINATOR),
            (_user(f"underviser-{owner.pk}"), owner, Role.TEACHER),
            (_user(f"veileder-{host.pk}"), host, Role.SUPERVISOR),
            (_user(f"nav-{nav.pk}"), nav, Role.CASEWORKER),
            (_user(f"fylke-{nav.pk}"), nav, Role.COUNTY_COORDINATOR),
        ]
    User.objects.bulk_create([u for u, _o, _r in staff], batch_size=BATCH)
    Membership.objects.bulk_create(
        [Membership(user=u, organisation=o, role=r) for u, o, r in staff], batch_size=BATCH
    )
    by_role = {(o.pk, r): u for u, o, r in staff}

    # Running cohorts: weekly sessions from the start up to yesterday, a teacher each.
    running = list(
        Cohort.objects.filter(start_date__lte=today, end_date__gte=today).select_related(
            "version__programme"
        )
    )
    sessions: list[Session] = []
    teachers = []
    for cohort in running:
        owner_id = cohort.version.programme.organisation_id
        teacher = by_role[(owner_id, Role.TEACHER)]
        teachers.append(Cohort.teachers.through(cohort_id=cohort.pk, user_id=teacher.pk))
        day = cohort.start_date
        while day < today:
            sessions.append(
                Session(
                    cohort=cohort, date=day, start_time=dt.time(9), end_time=dt.time(15), topic=""
                )
            )
            day += dt.timedelta(days=7)
        sessions.append(
            Session(
                cohort=cohort,
                date=today - dt.timedelta(days=1),
                start_time=dt.time(9),
                end_time=dt.time(12),
                topic="",
            )
        )
    Cohort.teachers.through.objects.bulk_create(teachers)
    Session.objects.bulk_create(sessions, batch_size=BATCH)
    by_cohort: dict[int, list[Session]] = {}
    for session in sessions:
        by_cohort.setdefault(session.cohort_id, []).append(session)

    taking_part = list(
        Enrolment.objects.filter(status=Status.DELTAR, cohort__in=running).select_related(
            "cohort__version__programme", "participant"
        )
    )
    # Participants taking part get a login.
    logins = [_user(f"deltaker-{e.participant_id}") for e in taking_part]
    User.objects.bulk_create(logins, batch_size=BATCH)
    people = []
    for enrolment, login in zip(taking_part, logins, strict=True):
        enrolment.participant.user = login
        people.append(enrolment.participant)
    Participant.objects.bulk_update(people, ["user"], batch_size=BATCH)
    Membership.objects.bulk_create(
        [
            Membership(
                user=login,
                organisation_id=e.cohort.version.programme.organisation_id,
                role=Role.PARTICIPANT,
            )
            for e, login in zip(taking_part, logins, strict=True)
        ],
        batch_size=BATCH,
    )

    records, placements, submissions = [], [], []
    for enrolment in taking_part:
        absent_from = rng.random() < 0.1  # one in ten misses the last three sessions
        own = [s for s in by_cohort.get(enrolment.cohort_id, []) if s.date < today]
        for n, session in enumerate(own[:-1]):  # yesterday's session is left unrecorded
            absent = (absent_from and n >= len(own) - 4) or rng.random() < 0.05
            records.append(
                AttendanceRecord(
                    session=session,
                    enrolment=enrolment,
                    status=AttendanceStatus.UNEXCUSED if absent else AttendanceStatus.PRESENT,
                    hours=Decimal("0") if absent else Decimal("6"),
                    recorded_by_id=by_role[
                        (enrolment.cohort.version.programme.organisation_id, Role.TEACHER)
                    ].pk,
                    recorded_at=now,
                )
            )
        owner_index = owners.index(enrolment.cohort.version.programme.organisation)
        host = hosts[owner_index]
        start = monday_of(enrolment.cohort.start_date + dt.timedelta(days=21))
        if start < today:
            placements.append(
                Placement(
                    enrolment=enrolment,
                    host=host,
                    supervisor=by_role[(host.pk, Role.SUPERVISOR)],
                    start_date=start,
                    end_date=start + dt.timedelta(weeks=21),
                )
            )
        if rng.random() < 0.3:
            submissions.append(
                Submission(
                    enrolment=enrolment,
                    attempt=1,
                    file=f"assignments/{enrolment.pk}/bench{enrolment.pk}",
                    file_token=f"bench{enrolment.pk}",
                    original_name="oppgave.pdf",
                    content_type="application/pdf",
                    size=100,
                    sha256="0" * 64,
                    submitted_by_id=by_role[
                        (enrolment.cohort.version.programme.organisation_id, Role.COORDINATOR)
                    ].pk,
                    submitted_at=now,
                )
            )
    AttendanceRecord.objects.bulk_create(records, batch_size=BATCH)
    Placement.objects.bulk_create(placements, batch_size=BATCH)
    PlacementPercent.objects.bulk_create(
        [PlacementPercent(placement=p, percent=50, valid_from=p.start_date) for p in placements],
        batch_size=BATCH,
    )
    sheets = []
    this_week = monday_of(today)
    for placement in placements:
        week = placement.start_date
        while week < this_week and week <= placement.end_date:
            roll = rng.random()
            if roll < 0.05:  # never written
                week += dt.timedelta(days=7)
                continue
            submitted = week + dt.timedelta(days=rng.randint(7, 9))
            sheets.append(
                Timesheet(
                    placement=placement,
                    week_start=week,
                    status=TimesheetStatus.SUBMITTED if roll < 0.15 else TimesheetStatus.APPROVED,
                    submitted_at=dt.datetime.combine(submitted, dt.time(12), tzinfo=dt.UTC),
                    total_hours=Decimal("18.75"),
                )
            )
            week += dt.timedelta(days=7)
    Timesheet.objects.bulk_create(sheets, batch_size=BATCH)
    Submission.objects.bulk_create(submissions, batch_size=BATCH)
    Assessment.objects.bulk_create(
        [
            Assessment(
                submission=s,
                outcome=rng.choice(Outcome.values),
                assessed_by_id=s.submitted_by_id,
                assessed_at=now,
            )
            for s in submissions
            if rng.random() < 0.5
        ],
        batch_size=BATCH,
    )

    # Applications to cohorts starting in five days, one per owner.
    upcoming = []
    for owner in owners:
        existing = Cohort.objects.filter(version__programme__organisation=owner).first()
        if existing is not None:
            upcoming.append(
                Cohort(
                    version_id=existing.version_id,
                    name=f"{PREFIX}kull snart",
                    start_date=today + dt.timedelta(days=5),
                    end_date=today + dt.timedelta(weeks=45),
                    capacity=500,
                )
            )
    Cohort.objects.bulk_create(upcoming)
    applicants = Participant.objects.bulk_create(
        [
            Participant(first_name="Syntetisk", last_name=f"Soker {n}")
            for n in range(20 * len(upcoming))
        ],
        batch_size=BATCH,
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                participant=p,
                cohort=upcoming[n % len(upcoming)],
                status=rng.choice((Status.SOKT_INN, Status.VURDERES, Status.VENTELISTE)),
                applied_on=today - dt.timedelta(days=30),
            )
            for n, p in enumerate(applicants)
        ],
        batch_size=BATCH,
    )

    # Contact messages in the owners' counties; wage subsidy agreements at the NAV offices.
    places = {
        m.number: m
        for m in Municipality.objects.filter(number__in=[o.municipality_id for o in owners])
    }
    messages = [
        ContactMessage(
            county_id=places[o.municipality_id].county_id,
            municipality=places[o.municipality_id],
            sender_name="Syntetisk Leder",
            sender_organisation="Eksempel",
            sender_email="leder@example.no",
            body="Vi vil ansette.",
            handled_at=now if rng.random() < 0.7 else None,
        )
        for o in owners
        for _n in range(30)
    ]
    ContactMessage.objects.bulk_create(messages, batch_size=BATCH)
    employer = Organisation.objects.filter(name=f"{outcomes_bench.PREFIX}arbeidsgiver").get()
    agreements = []
    for n, enrolment in enumerate(taking_part[: max(1, len(taking_part) // 3)]):
        owner_index = owners.index(enrolment.cohort.version.programme.organisation)
        start = (today - dt.timedelta(days=30 * rng.randint(1, 11))).replace(day=1)
        agreements.append(
            Agreement(
                participant_id=enrolment.participant_id,
                employer=employer,
                nav_office=navs[owner_index],
                subsidy_type="temporary",
                start_date=start,
                months=rng.randint(3, 12),
                monthly_wage_ore=3_000_000 + n,
                holiday_pay_rate=Decimal("10.2"),
                pension_rate=Decimal("2"),
                employer_tax_rate=Decimal("14.1"),
                status=AgreementStatus.ACTIVE,
            )
        )
    Agreement.objects.bulk_create(agreements, batch_size=BATCH)
    return {
        "enrolments": Enrolment.objects.count(),
        "taking part": len(taking_part),
        "staff": len(staff),
        "sessions": len(sessions),
        "attendance records": len(records),
        "placements": len(placements),
        "timesheets": len(sheets),
        "submissions": len(submissions),
        "applications": len(applicants),
        "contact messages": len(messages),
        "agreements": len(agreements),
    }
