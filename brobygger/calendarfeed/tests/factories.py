"""Sessions around a fixed day for the timetable and feed tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from brobygger.programmes.models import Cohort, Session
from brobygger.programmes.session_services import session_cancel
from brobygger.testing import make_session

# A Tuesday in the personas' cohort year (the cohort starts 17.08.2026).
TODAY = dt.date(2026, 9, 15)
NOW = dt.datetime(2026, 9, 15, 8, 0, tzinfo=ZoneInfo("Europe/Oslo"))


def sessions_from(cohort: Cohort, first: dt.date, count: int) -> list[Session]:
    return [make_session(cohort, date=first + dt.timedelta(days=i)) for i in range(count)]


def cancel(session: Session, *, by) -> Session:  # type: ignore[no-untyped-def]
    return session_cancel(by=by, session=session, reason="Underviser Ulla er syk")
