"""Factory helpers for placement tests (synthetic people only). They go through the services,
so every row a test builds obeys the same rules as production."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from brobygger.enrolments.models import Enrolment
from brobygger.placements.models import Placement, Timesheet, TimesheetStatus
from brobygger.placements.services import (
    placement_create,
    timesheet_approve,
    timesheet_return,
    timesheet_save,
)
from brobygger.testing import Personas

# A placement of 21 weeks starting on a Monday; the cohort starts 17.08.2026.
START = dt.date(2026, 9, 7)
END = dt.date(2027, 1, 31)


def make_placement(
    personas: Personas,
    *,
    enrolment: Enrolment | None = None,
    start: dt.date = START,
    end: dt.date = END,
    percent: int = 50,
    supervisor: Any = None,
    host: Any = None,
) -> Placement:
    return placement_create(
        by=personas.coordinator,
        enrolment=enrolment or personas.enrolment,
        host=host or personas.host,
        supervisor=supervisor or personas.supervisor,
        start_date=start,
        end_date=end,
        percent=percent,
    )


def spread(week_start: dt.date, total: Decimal | str, days: int = 5) -> dict[dt.date, Decimal]:
    """`total` hours over the first `days` days of the week, in whole quarter-hours where it
    can (the rest on the first day), e.g. 16.5 -> 3.25 × 4 + 3.5."""
    total = Decimal(total)
    quarter = Decimal("0.25")
    each = (total / days / quarter).to_integral_value(rounding="ROUND_DOWN") * quarter
    hours = {week_start + dt.timedelta(days=n): each for n in range(days)}
    hours[week_start] += total - each * days
    return hours


def make_timesheet(
    placement: Placement,
    week_start: dt.date,
    total: Decimal | str,
    *,
    status: str = TimesheetStatus.APPROVED,
) -> Timesheet:
    """A week's timesheet taken to `status` the way people would: save, submit, decide. It is
    saved as on the week's Sunday, when every day has been worked, whatever the clock says."""
    participant_user = placement.enrolment.participant.user
    sheet = timesheet_save(
        by=participant_user,
        placement=placement,
        week_start=week_start,
        hours=spread(week_start, total),
        submit=status != TimesheetStatus.DRAFT,
        today=week_start + dt.timedelta(days=6),
    )
    sheet.placement = placement
    if status == TimesheetStatus.APPROVED:
        sheet = timesheet_approve(by=placement.supervisor, timesheet=sheet)
    elif status == TimesheetStatus.RETURNED:
        sheet = timesheet_return(by=placement.supervisor, timesheet=sheet, comment="Rett timene.")
    return sheet


def monday(n: int, start: dt.date = START) -> dt.date:
    """The n-th week's Monday of a placement starting on `start` (n = 0 is the first)."""
    return start - dt.timedelta(days=start.weekday()) + dt.timedelta(weeks=n)
