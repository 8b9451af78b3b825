"""The timetable section of the participant's own page (completion.my_progress): the next
sessions of their cohorts, cancelled ones marked. One query behind @roles; rendered without
the request so the page's context processors do not run a second time."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from brobygger.calendarfeed.selectors import UPCOMING_ON_MY_PAGE, upcoming_sessions


def my_timetable_panel(request: HttpRequest) -> SafeString:
    sessions = upcoming_sessions(request, today=timezone.localdate(), limit=UPCOMING_ON_MY_PAGE + 1)
    html = render_to_string(
        "calendarfeed/_partials/timetable_panel.html",
        {
            "sessions": sessions[:UPCOMING_ON_MY_PAGE],
            "more": len(sessions) > UPCOMING_ON_MY_PAGE,
            "limit": UPCOMING_ON_MY_PAGE,
        },
    )
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escapes
