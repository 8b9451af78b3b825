"""The section this app contributes to a participant's page (completion.enrolment_detail and
my_progress). Contract: `enrolment_panel(request, enrolment) -> str` (rendered HTML, safe),
scoped to what request.user may see; its own fixed number of queries (four)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from brobygger.enrolments.access import enrolments_managed_by, enrolments_visible_to, own_enrolments
from brobygger.enrolments.models import Enrolment
from brobygger.placements.access import own_placements
from brobygger.placements.models import Placement
from brobygger.placements.rules import monday_of
from brobygger.placements.selectors import practice_by_enrolment


def enrolment_panel(request: HttpRequest, enrolment: Enrolment) -> SafeString:
    flags = (
        Enrolment.objects.filter(pk=enrolment.pk)
        .annotate(
            visible=Exists(enrolments_visible_to(request).filter(pk=OuterRef("pk"))),
            managed=Exists(enrolments_managed_by(request).filter(pk=OuterRef("pk"))),
            own=Exists(own_enrolments(request).filter(pk=OuterRef("pk"))),
        )
        .values("visible", "managed", "own", "cohort__version__practice_weeks")
        .first()
    )
    if not flags or not flags["visible"]:
        return mark_safe("")  # noqa: S308 - nothing to show outside the user's scope
    practice = practice_by_enrolment(
        Placement.objects.filter(enrolment=enrolment), today=timezone.localdate()
    )
    context = {
        "enrolment": enrolment,
        "placements": practice[0].placements if practice else [],
        "counted_weeks": practice[0].counted_weeks if practice else 0,
        "required_weeks": flags["cohort__version__practice_weeks"],
        # Caseworkers see the figures but cannot open placement pages.
        "can_open": flags["managed"] or flags["own"],
        "can_create": flags["managed"],
        "is_own": flags["own"],
    }
    return render_to_string("placements/_partials/enrolment_panel.html", context, request=request)


def this_week_timesheet(request: HttpRequest) -> SafeString:
    """The participant's timesheet for this week, as the first link on "/meg/" (issue 14,
    finding 5); empty when no placement of theirs runs this week. One query."""
    today = timezone.localdate()
    monday = monday_of(today)
    placement = (
        own_placements(request)
        .filter(start_date__lte=monday + dt.timedelta(days=6), end_date__gte=monday)
        .select_related("host")
        .order_by("start_date", "pk")
        .first()
    )
    if placement is None:
        return mark_safe("")
    html = render_to_string(
        "placements/_partials/this_week_timesheet.html",
        {"placement": placement, "week_start": monday, "week_number": monday.isocalendar()[1]},
    )
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escapes
