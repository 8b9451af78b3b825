"""The practice-week rule and the weeks of a placement, as pure functions over loaded rows.

A week counts when its approved hours reach its expected hours × the programme version's
week_tolerance. The expected hours are percent × HOURS_PER_FULL_WEEK, less percent × one
working day (a fifth of the full week, 7.5 h) for each public holiday Monday to Friday in the
week (core/public_holidays.py); the percent is the dated period that covers the week's Monday
(the first period when the placement starts mid-week). `required_hours` is that rule and
nothing else computes it: selectors, views and panels all decide through `week_row`, so the
weeks table and the progress figures cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from brobygger.core.formatting import format_day_month, format_hours
from brobygger.core.public_holidays import holiday_name, weekday_holidays
from brobygger.placements.models import PlacementPercent, Timesheet, TimesheetStatus

WEEKDAYS = (
    gettext_lazy("Mandag"),
    gettext_lazy("Tirsdag"),
    gettext_lazy("Onsdag"),
    gettext_lazy("Torsdag"),
    gettext_lazy("Fredag"),
    gettext_lazy("Lørdag"),
    gettext_lazy("Søndag"),
)


def hours_per_full_week() -> Decimal:
    # settings holds a float (37.5); go through str so the Decimal is exact.
    return Decimal(str(settings.HOURS_PER_FULL_WEEK))


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def format_week_hours(value: Decimal) -> str:
    """Three places so a week's required hours show exactly, e.g. 16,875."""
    return format_hours(value, places=3)


WORKING_DAYS_PER_WEEK = 5


def required_hours(percent: int, tolerance: Decimal, *, holidays: int = 0) -> Decimal:
    """Approved hours a week needs: percent × (full week − one working day per weekday
    holiday) × tolerance. At 50 % and tolerance 1: 18.75 h, or 15 h in a week with 17 May."""
    full_week = hours_per_full_week()
    working_hours = full_week - full_week / WORKING_DAYS_PER_WEEK * holidays
    return Decimal(percent) * max(working_hours, Decimal(0)) * tolerance / Decimal(100)


def percent_at(percents: Sequence[PlacementPercent], week_start: dt.date) -> int | None:
    """The percent of the period covering `week_start`; `percents` sorted by valid_from."""
    if not percents:
        return None
    current = percents[0].percent
    for period in percents:
        if period.valid_from <= week_start:
            current = period.percent
        else:
            break
    return current


def week_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    """Mondays of every week that touches [start, end]."""
    first, last = monday_of(start), monday_of(end)
    return [first + dt.timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


def week_within(week_start: dt.date, start: dt.date, end: dt.date) -> bool:
    return week_start.weekday() == 0 and monday_of(start) <= week_start <= end


def days_in_placement(week_start: dt.date, start: dt.date, end: dt.date) -> list[dt.date]:
    days = (week_start + dt.timedelta(days=n) for n in range(7))
    return [day for day in days if start <= day <= end]


@dataclass(frozen=True)
class WeekRow:
    week_start: dt.date
    timesheet: Timesheet | None
    percent: int | None
    required: Decimal
    counts: bool
    reason: str  # Norwegian, why the week counts or not
    holidays: tuple[dt.date, ...] = ()  # public holidays Monday to Friday, lowering `required`

    @property
    def week_end(self) -> dt.date:
        return self.week_start + dt.timedelta(days=6)

    @property
    def week_number(self) -> int:
        return self.week_start.isocalendar()[1]

    @property
    def hours(self) -> Decimal:
        return self.timesheet.total_hours if self.timesheet else Decimal("0")

    @property
    def hours_display(self) -> str:
        return format_week_hours(self.hours)

    @property
    def required_display(self) -> str:
        return format_week_hours(self.required)

    @property
    def holidays_display(self) -> str:
        """ "14.05. (Kristi himmelfartsdag), 17.05. (Grunnlovsdag)"."""
        return ", ".join(f"{format_day_month(day)} ({holiday_name(day)})" for day in self.holidays)

    @property
    def status(self) -> str:
        return self.timesheet.status if self.timesheet else ""

    @property
    def status_label(self) -> str:
        return self.timesheet.get_status_display() if self.timesheet else _("Ikke påbegynt")

    @property
    def editable(self) -> bool:
        return self.status in ("", TimesheetStatus.DRAFT, TimesheetStatus.RETURNED)


def week_row(
    *,
    week_start: dt.date,
    timesheet: Timesheet | None,
    percents: Sequence[PlacementPercent],
    tolerance: Decimal,
) -> WeekRow:
    percent = percent_at(percents, week_start)
    holidays = tuple(weekday_holidays(week_start))
    required = (
        required_hours(percent, tolerance, holidays=len(holidays)) if percent else Decimal("0")
    )
    counts = False
    if timesheet is None:
        reason = _("Ingen timeliste.")
    elif timesheet.status == TimesheetStatus.DRAFT:
        reason = _("Ikke sendt inn.")
    elif timesheet.status == TimesheetStatus.SUBMITTED:
        reason = _("Venter på godkjenning fra praksisveileder.")
    elif timesheet.status == TimesheetStatus.RETURNED:
        reason = _("Sendt tilbake til deltakeren.")
    elif percent is not None and timesheet.total_hours >= required:
        counts = True
        reason = _("Teller: %(hours)s t av %(required)s t som kreves (%(basis)s).") % {
            "hours": format_week_hours(timesheet.total_hours),
            "required": format_week_hours(required),
            "basis": _basis(percent, holidays),
        }
    else:
        reason = _("Teller ikke: %(hours)s t, men %(required)s t kreves (%(basis)s).") % {
            "hours": format_week_hours(timesheet.total_hours),
            "required": format_week_hours(required),
            "basis": _basis(percent or 0, holidays),
        }
    return WeekRow(week_start, timesheet, percent, required, counts, reason, holidays)


def _basis(percent: int, holidays: Sequence[dt.date]) -> str:
    """ "50 %", or "50 %, 1 helligdag" when holidays lower the week's hours."""
    basis = f"{percent} %"
    if holidays:
        basis += ", " + ngettext("%(n)s helligdag", "%(n)s helligdager", len(holidays)) % {
            "n": len(holidays)
        }
    return basis


def placement_weeks(
    *,
    start: dt.date,
    end: dt.date,
    timesheets: Iterable[Timesheet],
    percents: Sequence[PlacementPercent],
    tolerance: Decimal,
    until: dt.date | None = None,
) -> list[WeekRow]:
    """One row per week of the placement up to the week of `until` (all weeks when None),
    plus any later week that already has a timesheet."""
    by_week = {sheet.week_start: sheet for sheet in timesheets}
    last = min(end, until) if until is not None else end
    weeks = set(week_starts(start, last)) if last >= start else set()
    weeks |= set(by_week)
    return [
        week_row(
            week_start=week,
            timesheet=by_week.get(week),
            percents=percents,
            tolerance=tolerance,
        )
        for week in sorted(weeks)
    ]
