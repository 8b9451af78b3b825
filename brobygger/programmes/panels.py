"""The teacher's most likely next step, put first on their start page and on "Mine økter" so it
is a few key presses away (issue 14, finding 5): the attendance of the session just held, or
else of today's first session."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from brobygger.programmes.models import Session, SessionStatus
from brobygger.programmes.selectors import TeacherSessions, teacher_sessions


def session_to_open(sessions: TeacherSessions, *, now: dt.datetime) -> Session | None:
    """Today's session that started last (just held or under way), else today's first, else
    the latest one held before today. Cancelled sessions are skipped. No queries."""
    local = timezone.localtime(now)
    todays = [
        s
        for s in sessions.upcoming
        if s.date == local.date() and s.status != SessionStatus.CANCELLED
    ]
    started = [s for s in todays if s.start_time <= local.time()]
    if started:
        return started[-1]
    if todays:
        return todays[0]
    return next((s for s in sessions.past if s.status != SessionStatus.CANCELLED), None)


def next_session_link(session: Session | None) -> SafeString:
    if session is None:
        return mark_safe("")
    html = render_to_string("programmes/_partials/next_session.html", {"s": session})
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escapes


def teacher_next_session(request: HttpRequest) -> SafeString:
    """For the start page: two queries (teacher_sessions)."""
    now = timezone.now()
    sessions = teacher_sessions(request, today=timezone.localdate(now))
    return next_session_link(session_to_open(sessions, now=now))
