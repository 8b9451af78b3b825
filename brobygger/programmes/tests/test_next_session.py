"""The teacher's next step first on the page (issue 14, finding 5): the session just held or
under way today, else today's first, else the latest one before today; cancelled ones never."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from brobygger.programmes.models import SessionStatus
from brobygger.programmes.panels import session_to_open
from brobygger.programmes.selectors import TeacherSessions

OSLO = ZoneInfo("Europe/Oslo")
TODAY = dt.date(2026, 10, 6)


def s(day, hour, status=SessionStatus.PLANNED):
    return SimpleNamespace(date=day, start_time=dt.time(hour), status=status)


def at(hour):
    return dt.datetime.combine(TODAY, dt.time(hour), tzinfo=OSLO)


def test_the_session_started_last_today_comes_first():
    nine, twelve, fifteen = s(TODAY, 9), s(TODAY, 12), s(TODAY, 15)
    sessions = TeacherSessions(upcoming=[nine, twelve, fifteen], past=[])  # type: ignore[list-item]
    assert session_to_open(sessions, now=at(13)) is twelve


def test_before_the_first_session_today_it_is_that_one():
    nine, twelve = s(TODAY, 9), s(TODAY, 12)
    later = s(TODAY + dt.timedelta(days=1), 9)
    sessions = TeacherSessions(upcoming=[nine, twelve, later], past=[])  # type: ignore[list-item]
    assert session_to_open(sessions, now=at(7)) is nine


def test_without_a_session_today_it_is_the_latest_held_and_not_a_cancelled_one():
    cancelled = s(TODAY, 9, SessionStatus.CANCELLED)
    yesterday_cancelled = s(TODAY - dt.timedelta(days=1), 9, SessionStatus.CANCELLED)
    last_week = s(TODAY - dt.timedelta(days=7), 9)
    sessions = TeacherSessions(
        upcoming=[cancelled],  # type: ignore[list-item]
        past=[yesterday_cancelled, last_week],  # type: ignore[list-item]
    )
    assert session_to_open(sessions, now=at(10)) is last_week


def test_nothing_at_all_gives_nothing():
    assert session_to_open(TeacherSessions(upcoming=[], past=[]), now=at(10)) is None
