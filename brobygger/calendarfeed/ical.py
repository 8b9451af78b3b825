"""The feed as iCalendar (RFC 5545), built with the `icalendar` library.

Sessions only: date, time, topic, cohort and place. No participant's name, national id,
attendance, teacher or reason for a cancellation (free text that may name someone)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.programmes.models import Session, SessionStatus

OSLO = ZoneInfo("Europe/Oslo")
PRODID = "-//Brobygger//Timeplan//NO"


def session_uid(session: Session) -> str:
    """Stable per session, so a calendar updates the event (a cancellation) in place."""
    return f"session-{session.pk}@brobygger"


def session_summary(session: Session) -> str:
    title = f"{session.topic} ({session.cohort.name})" if session.topic else session.cohort.name
    if session.status == SessionStatus.CANCELLED:
        return _("Avlyst: %(title)s") % {"title": title}
    return title


def timetable_calendar(sessions: Iterable[Session]) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Timeplan, MB-utdanning"))
    cal.add("x-wr-timezone", "Europe/Oslo")
    stamp = timezone.now()
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", stamp)
        event.add("dtstart", dt.datetime.combine(session.date, session.start_time, tzinfo=OSLO))
        event.add("dtend", dt.datetime.combine(session.date, session.end_time, tzinfo=OSLO))
        event.add("summary", session_summary(session))
        if session.cohort.place:
            event.add("location", session.cohort.place)
        cancelled = session.status == SessionStatus.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
