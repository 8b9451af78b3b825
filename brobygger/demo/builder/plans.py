"""Planned enrolments: who, which status path, and how they attended; then saved in bulk.

The demo writes rows directly (bulk_create) for speed, so it checks the invariants the
enrolment services would: every step is an allowed transition, dates never go backwards,
coded reasons where the table demands them, the enrolment's status is the open history row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from brobygger.accounts.models import User
from brobygger.attendance.models import AttendanceRecord, AttendanceStatus
from brobygger.demo.builder.calendar import aware
from brobygger.demo.builder.context import Demo
from brobygger.demo.names import HOME_MUNICIPALITIES, MOTIVATIONS
from brobygger.enrolments.models import EndingReason, Enrolment, Participant, Status, StatusChange
from brobygger.enrolments.transitions import NEEDS_REASON, can_transition
from brobygger.organisations.models import Organisation
from brobygger.programmes.models import Cohort, Session, SessionStatus

S = Status


@dataclass
class Step:
    status: str
    on: dt.date
    reason: str = ""
    reason_text: str = ""
    note: str = ""


@dataclass
class WeekPlan:
    monday: dt.date
    status: str
    days: list[tuple[dt.date, Decimal]]
    comment: str = ""


@dataclass
class PlacementPlan:
    host: Organisation
    supervisor: User
    start: dt.date
    end: dt.date
    weeks: list[WeekPlan] = field(default_factory=list)
    # (kind, text, written on)
    evaluations: list[tuple[str, str, dt.date]] = field(default_factory=list)


@dataclass
class SubmissionPlan:
    attempt: int
    submitted_on: dt.date
    outcome: str = ""  # empty: waiting for assessment
    assessed_on: dt.date | None = None
    feedback: str = ""


@dataclass
class Planned:
    participant: Participant
    enrolment: Enrolment
    steps: list[Step]
    # Attendance profile: good, exception, struggling, leaver, no_show, streak, deltaker, none.
    attendance: str = "none"
    placement: PlacementPlan | None = None
    submissions: list[SubmissionPlan] = field(default_factory=list)
    completed_on: dt.date | None = None
    exception: bool = False

    @property
    def final(self) -> str:
        return self.steps[-1].status

    def status_on(self, day: dt.date) -> str:
        current = ""
        for step in self.steps:
            if step.on <= day:
                current = step.status
        return current

    def left_on(self) -> dt.date | None:
        """The day the participant stopped taking part (AVBRUTT or start of leave)."""
        for step in self.steps:
            if step.status in (S.AVBRUTT, S.PERMISJON):
                return step.on
        return None


def new_participant(
    demo: Demo, *, user: User | None = None, name: tuple[str, str] | None = None
) -> Participant:
    first, last = name or demo.names.take()
    age = demo.rng.randint(24, 61)
    return Participant(
        first_name=first,
        last_name=last,
        birth_date=dt.date(demo.today.year - age, demo.rng.randint(1, 12), demo.rng.randint(1, 28)),
        municipality=demo.home_municipalities[demo.rng.choice(HOME_MUNICIPALITIES)],
        email=user.email if user else "",
        user=user,
    )


def plan(
    demo: Demo,
    cohort: Cohort,
    steps: list[Step],
    *,
    referred: bool | None = None,
    participant: Participant | None = None,
    **extra: Any,
) -> Planned:
    """A planned enrolment. Referred ones come through NAV Bergen sør (the demo veileder)."""
    if referred is None:
        referred = demo.rng.random() < 0.4
    enrolment = Enrolment(
        cohort=cohort,
        applied_on=steps[0].on,
        motivation=demo.rng.choice(MOTIVATIONS),
        referred_by=demo.user("veileder") if referred else None,
        referring_organisation=demo.orgs["nav"] if referred else None,
    )
    return Planned(
        participant=participant or new_participant(demo), enrolment=enrolment, steps=steps, **extra
    )


def admission_steps(demo: Demo, start: dt.date) -> list[Step]:
    """SOKT_INN -> VURDERES -> VENTER_PA_OPPSTART -> DELTAR on the start date."""
    applied = start - dt.timedelta(days=demo.rng.randint(60, 110))
    assessed = applied + dt.timedelta(days=demo.rng.randint(5, 20))
    admitted = start - dt.timedelta(days=demo.rng.randint(10, 28))
    return [
        Step(S.SOKT_INN, applied),
        Step(S.VURDERES, assessed),
        Step(S.VENTER_PA_OPPSTART, admitted),
        Step(S.DELTAR, start),
    ]


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise RuntimeError(f"Demo data breaks an invariant: {message}")


def _check(planned: Planned) -> None:
    previous: Step | None = None
    for step in planned.steps:
        if previous is None:
            _require(step.status == S.SOKT_INN, "history starts with SOKT_INN")
        else:
            _require(
                can_transition(previous.status, step.status),
                f"{previous.status} -> {step.status} is not allowed",
            )
            _require(step.on >= previous.on, "history dates go forward")
        _require(step.status not in NEEDS_REASON or bool(step.reason), "coded reason required")
        _require(
            (step.reason == EndingReason.OTHER) == bool(step.reason_text),
            "free text only with OTHER",
        )
        previous = step


def save_plans(demo: Demo, plans: list[Planned]) -> None:
    """Participants, enrolments and complete status histories, in a few bulk inserts."""
    coordinator = demo.user("koordinator")
    new_people = [p.participant for p in plans if p.participant.pk is None]
    Participant.objects.bulk_create(new_people)
    positions: dict[int, int] = {}
    for planned in plans:
        _check(planned)
        enrolment = planned.enrolment
        enrolment.participant = planned.participant
        enrolment.status = planned.final
        if planned.final == S.VENTELISTE:
            # Positions 1..n per cohort, in the order people were put on the list.
            positions[enrolment.cohort_id] = positions.get(enrolment.cohort_id, 0) + 1
            enrolment.waitlist_position = positions[enrolment.cohort_id]
    Enrolment.objects.bulk_create([p.enrolment for p in plans])

    changes: list[StatusChange] = []
    for planned in plans:
        steps = planned.steps
        for index, step in enumerate(steps):
            referred_by = planned.enrolment.referred_by
            changes.append(
                StatusChange(
                    enrolment=planned.enrolment,
                    status=step.status,
                    valid_from=step.on,
                    valid_to=steps[index + 1].on if index + 1 < len(steps) else None,
                    reason=step.reason,
                    reason_text=step.reason_text,
                    note=step.note,
                    created_by=referred_by if index == 0 and referred_by else coordinator,
                )
            )
    StatusChange.objects.bulk_create(changes)


def _absence(demo: Demo) -> tuple[str, Decimal]:
    excused = demo.rng.random() < 0.6
    return (AttendanceStatus.EXCUSED if excused else AttendanceStatus.UNEXCUSED, Decimal("0"))


def _marks(demo: Demo, profile: str, hours: list[Decimal], slack: Decimal) -> list[Any]:
    """(status, hours) per session the participant should have attended."""
    rng = demo.rng
    n = len(hours)
    marks: list[tuple[str, Decimal]] = [(AttendanceStatus.PRESENT, h) for h in hours]
    if n == 0 or profile == "none":
        return marks

    def absent(count: int, among: range | None = None) -> list[int]:
        pool = range(n) if among is None else among
        chosen = rng.sample(pool, min(count, len(pool)))
        for i in chosen:
            marks[i] = _absence(demo)
        return chosen

    if profile in ("good", "streak", "deltaker"):
        # Completers stay within the slack the schedule leaves over the required hours.
        budget = slack
        count = rng.randint(0, max(0, min(3, int(budget // 3))))
        if profile == "deltaker":
            count = 1
        chosen = absent(count, range(n - 3) if profile == "streak" and n > 3 else None)
        budget -= sum(hours[i] for i in chosen)
        rest = [i for i in range(n) if i not in chosen]
        if rest and budget >= Decimal("1.5") and (profile == "deltaker" or rng.random() < 0.5):
            marks[rng.choice(rest)] = (AttendanceStatus.PARTIAL, Decimal("1.50"))
        if profile == "streak":
            for i in range(max(0, n - 3), n):
                marks[i] = _absence(demo)
    elif profile == "exception":
        absent(7)
    elif profile in ("struggling", "leaver"):
        absence_rate, partial_rate = (0.3, 0.1) if profile == "struggling" else (0.12, 0.05)
        for i in range(n):
            roll = rng.random()
            if roll < absence_rate:
                marks[i] = _absence(demo)
            elif roll < absence_rate + partial_rate:
                marks[i] = (AttendanceStatus.PARTIAL, Decimal(rng.choice(("1.50", "2.00"))))
    elif profile == "no_show":
        marks = [(AttendanceStatus.UNEXCUSED, Decimal("0"))] * n
    return marks


def record_attendance(
    demo: Demo, cohort: Cohort, sessions: list[Session], plans: list[Planned]
) -> dict[int, Decimal]:
    """Attendance for held sessions (before today) while each person was DELTAR.

    Returns attended hours per enrolment id."""
    teacher = demo.user("underviser")
    held = [s for s in sessions if s.status == SessionStatus.PLANNED]
    slack = sum((s.hours for s in held), Decimal("0")) - cohort.version.theory_hours
    records: list[AttendanceRecord] = []
    attended: dict[int, Decimal] = {}
    for planned in plans:
        mine = [s for s in held if s.date < demo.today and planned.status_on(s.date) == S.DELTAR]
        marks = _marks(demo, planned.attendance, [s.hours for s in mine], slack)
        total = Decimal("0")
        for session, (status, hours) in zip(mine, marks, strict=True):
            records.append(
                AttendanceRecord(
                    session=session,
                    enrolment=planned.enrolment,
                    status=status,
                    hours=hours,
                    recorded_by=teacher,
                    recorded_at=aware(session.date, 12, 15),
                )
            )
            total += hours
        attended[planned.enrolment.pk] = total
    AttendanceRecord.objects.bulk_create(records, batch_size=1000)
    return attended
