"""Factory helpers for attendance tests (synthetic people only)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from brobygger.attendance.models import AttendanceRecord
from brobygger.attendance.services import attendance_record_session
from brobygger.enrolments.models import Enrolment, Status
from brobygger.enrolments.services import enrolment_transition
from brobygger.programmes.models import Cohort, Session, SessionStatus
from brobygger.testing import make_enrolment, make_session

# Tests freeze time here: the cohort in the personas starts on Monday 17 August 2026.
TODAY = dt.datetime(2026, 9, 30, 12, 0, tzinfo=dt.UTC)
START = dt.date(2026, 8, 17)


def week(n: int) -> dt.date:
    """The Monday n weeks after the cohort's start (week 0 is the start day)."""
    return START + dt.timedelta(weeks=n)


def make_held_session(
    cohort: Cohort,
    *,
    on: dt.date,
    hours: int = 3,
    cancelled: bool = False,
    **fields: Any,
) -> Session:
    session = make_session(cohort, date=on, start=dt.time(9), end=dt.time(9 + hours))
    if cancelled:
        fields |= {"status": SessionStatus.CANCELLED, "cancel_reason": "Underviser syk"}
    if fields:
        for name, value in fields.items():
            setattr(session, name, value)
        session.save(update_fields=list(fields))
    return session


def record(
    session: Session,
    enrolment: Enrolment,
    status: str,
    hours: Decimal | str | None = None,
    *,
    by: Any,
) -> AttendanceRecord:
    """Record one participant's attendance through the service, as the grid does."""
    value = Decimal(hours) if hours is not None else None
    (saved,) = attendance_record_session(by=by, session=session, rows=[(enrolment, status, value)])
    return saved


def make_on_leave(cohort: Cohort, **fields: Any) -> Enrolment:
    """An enrolment on leave. (brobygger.testing.make_enrolment(status=PERMISJON) dates the leave
    before the DELTAR change and is refused, so take the last step here.)"""
    enrolment = make_enrolment(cohort, **fields)
    return enrolment_transition(
        by=None, enrolment=enrolment, to=Status.PERMISJON, on=cohort.start_date + dt.timedelta(1)
    )
