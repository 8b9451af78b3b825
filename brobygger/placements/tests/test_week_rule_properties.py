"""Properties of the practice-week rule (placements/rules.py), over any week and any hours."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from brobygger.core.public_holidays import weekday_holidays
from brobygger.placements.models import PlacementPercent, Timesheet, TimesheetStatus
from brobygger.placements.rules import monday_of, required_hours, week_row

percents = st.integers(min_value=1, max_value=100)
tolerances = st.decimals(min_value=Decimal("0.5"), max_value=1, places=2)
mondays = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31)).map(monday_of)
hours = st.decimals(min_value=0, max_value=60, places=2)


@given(percents, percents, tolerances, st.integers(min_value=0, max_value=5))
def test_required_hours_grow_with_the_percent_and_shrink_with_each_holiday(a, b, tol, days):
    low, high = sorted((a, b))
    assert required_hours(low, tol, holidays=days) <= required_hours(high, tol, holidays=days)
    if days < 5:
        assert required_hours(high, tol, holidays=days + 1) < required_hours(
            high, tol, holidays=days
        )
    assert required_hours(high, tol, holidays=5) == 0
    assert required_hours(100, Decimal(1)) == Decimal("37.5")


@given(mondays, percents, tolerances, hours, st.sampled_from(list(TimesheetStatus)))
def test_a_week_counts_exactly_when_approved_hours_reach_the_required(
    monday, percent, tol, total, status
):
    sheet = Timesheet(week_start=monday, status=status, total_hours=total)
    row = week_row(
        week_start=monday,
        timesheet=sheet,
        percents=[PlacementPercent(percent=percent, valid_from=monday - dt.timedelta(days=70))],
        tolerance=tol,
    )
    holidays = len(list(weekday_holidays(monday)))
    assert row.required == required_hours(percent, tol, holidays=holidays)
    assert row.counts == (status == TimesheetStatus.APPROVED and total >= row.required)
    assert row.reason  # always says why, counted or not


@given(mondays, percents, tolerances)
def test_a_week_without_a_timesheet_never_counts(monday, percent, tol):
    row = week_row(
        week_start=monday,
        timesheet=None,
        percents=[PlacementPercent(percent=percent, valid_from=monday)],
        tolerance=tol,
    )
    assert not row.counts and row.hours == 0 and row.editable
