"""Progress data made through the other apps' models (synthetic only).

Rows are created directly rather than through the apps' services so these tests depend only on
the models and the summary contracts, not on the other apps' forms and rules for writing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.utils import timezone

from brobygger.assessments.models import Assessment, Outcome, Submission
from brobygger.attendance.models import AttendanceRecord, AttendanceStatus
from brobygger.enrolments.models import Enrolment
from brobygger.placements.models import Placement, PlacementPercent, Timesheet, TimesheetStatus
from brobygger.programmes.models import Cohort, Session

# Inside the cohort year (start 17.08.2026), after all sessions below have been held.
TODAY = dt.datetime(2027, 5, 3, 12, 0, tzinfo=dt.UTC)
SESSION_HOURS = 6


def add_sessions(cohort: Cohort, count: int, *, hours: int = SESSION_HOURS) -> list[Session]:
    """`count` more sessions of `hours` hours on consecutive days from the cohort's start."""
    existing = Session.objects.filter(cohort=cohort).count()
    return Session.objects.bulk_create(
        Session(
            cohort=cohort,
            date=cohort.start_date + dt.timedelta(days=existing + n),
            start_time=dt.time(9),
            end_time=dt.time(9 + hours),
            topic=f"Modul {existing + n + 1}",
        )
        for n in range(count)
    )


def attend(
    enrolment: Enrolment,
    sessions: list[Session],
    *,
    by: Any,
    status: str = AttendanceStatus.PRESENT,
) -> list[AttendanceRecord]:
    """Record the same status for every session; present gives the session's hours."""
    return AttendanceRecord.objects.bulk_create(
        AttendanceRecord(
            session=session,
            enrolment=enrolment,
            status=status,
            hours=session.hours if status == AttendanceStatus.PRESENT else Decimal("0"),
            recorded_by=by,
            recorded_at=timezone.now(),
        )
        for session in sessions
    )


def placement_for(
    enrolment: Enrolment, *, host: Any, supervisor: Any, percent: int = 50
) -> Placement:
    placement = Placement.objects.filter(enrolment=enrolment).first()
    if placement is None:
        start = enrolment.cohort.start_date
        placement = Placement.objects.create(
            enrolment=enrolment,
            host=host,
            supervisor=supervisor,
            start_date=start,
            end_date=start + dt.timedelta(weeks=40),
        )
        PlacementPercent.objects.create(placement=placement, percent=percent, valid_from=start)
    return placement


def add_weeks(
    enrolment: Enrolment,
    count: int,
    *,
    host: Any,
    supervisor: Any,
    hours: Decimal = Decimal("18.75"),  # 50 % of 37.5 h: counts at any tolerance
    status: str = TimesheetStatus.APPROVED,
) -> list[Timesheet]:
    """`count` more weekly timesheets, after the ones already there."""
    placement = placement_for(enrolment, host=host, supervisor=supervisor)
    existing = Timesheet.objects.filter(placement=placement).count()
    approved = status == TimesheetStatus.APPROVED
    return Timesheet.objects.bulk_create(
        Timesheet(
            placement=placement,
            week_start=placement.start_date + dt.timedelta(weeks=existing + n),
            status=status,
            total_hours=hours,
            submitted_at=timezone.now(),
            decided_by=supervisor if approved else None,
            decided_at=timezone.now() if approved else None,
        )
        for n in range(count)
    )


def submit(enrolment: Enrolment, *, by: Any) -> Submission:
    attempt = Submission.objects.filter(enrolment=enrolment).count() + 1
    token = uuid.uuid4().hex
    return Submission.objects.create(
        enrolment=enrolment,
        attempt=attempt,
        file=f"assignments/{enrolment.pk}/{token}",
        file_token=token,
        original_name="oppgave.pdf",
        content_type="application/pdf",
        size=1024,
        sha256="0" * 64,
        submitted_by=by,
        submitted_at=timezone.now(),
    )


def assess(submission: Submission, *, by: Any, outcome: str = Outcome.APPROVED) -> Assessment:
    return Assessment.objects.create(
        submission=submission, outcome=outcome, assessed_by=by, assessed_at=timezone.now()
    )


def sessions_of(cohort: Cohort, count: int) -> list[Session]:
    """The cohort's first `count` sessions, adding any that are missing."""
    sessions = list(Session.objects.filter(cohort=cohort).order_by("date", "start_time"))
    if len(sessions) < count:
        sessions += add_sessions(cohort, count - len(sessions))
    return sessions[:count]


def make_eligible(enrolment: Enrolment, *, personas: Any) -> None:
    """Everything the default version (180 h, 20 weeks, assignment) asks for."""
    sessions = sessions_of(enrolment.cohort, 30)
    attend(enrolment, sessions, by=personas.teacher)
    add_weeks(enrolment, 20, host=personas.host, supervisor=personas.supervisor)
    assess(submit(enrolment, by=personas.participant_user), by=personas.coordinator)


def make_enrolment_with_status(cohort: Cohort, status: str, **fields: Any) -> Enrolment:
    """Like brobygger.testing.make_enrolment, but reaches PERMISJON, FULLFORT and AVBRUTT too (the
    core helper dates the leave before the start, which the transition service refuses)."""
    from brobygger.enrolments.models import EndingReason, Status
    from brobygger.enrolments.services import enrolment_transition
    from brobygger.testing import make_enrolment

    if status not in (Status.PERMISJON, Status.FULLFORT, Status.AVBRUTT):
        return make_enrolment(cohort, status=status, **fields)
    enrolment = make_enrolment(cohort, status=Status.DELTAR, **fields)
    reason = EndingReason.ILLNESS if status == Status.AVBRUTT else ""
    return enrolment_transition(
        by=None,
        enrolment=enrolment,
        to=status,
        on=cohort.start_date + dt.timedelta(weeks=8),
        reason=reason,
    )
