"""The section this app contributes to a participant's page (completion.enrolment_detail and
my_progress). Contract: `enrolment_panel(request, enrolment) -> str` (rendered HTML, safe).
The calling page has already authorised the request for this enrolment (coordinator or the
participant themself). Four queries: three for the summary, one for the latest records; it is
rendered without the request so the page's context processors do not run a second time."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from brobygger.attendance.selectors import attendance_summaries, recent_records
from brobygger.enrolments.models import Enrolment

RECENT = 10


def enrolment_panel(request: HttpRequest, enrolment: Enrolment) -> SafeString:
    summary = attendance_summaries([enrolment.pk])[enrolment.pk]
    html = render_to_string(
        "attendance/_partials/enrolment_panel.html",
        {
            "enrolment": enrolment,
            "summary": summary,
            "records": recent_records(enrolment=enrolment, limit=RECENT),
            "recent": RECENT,
        },
    )
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escapes
