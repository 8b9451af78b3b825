import datetime as dt
from decimal import Decimal

from brobygger.placements.models import PlacementPercent, Timesheet, TimesheetStatus
from brobygger.placements.rules import (
    days_in_placement,
    format_week_hours,
    percent_at,
    placement_weeks,
    required_hours,
    week_row,
    week_starts,
    week_within,
)

TOLERANCE = Decimal("0.90")


def approved_week(hours: str, *, percent: int = 50, tolerance: Decimal = TOLERANCE):
    """The rule's verdict on an approved timesheet of `hours` in an ordinary week."""
    week = dt.date(2026, 9, 7)
    sheet = Timesheet(week_start=week, status=TimesheetStatus.APPROVED, total_hours=Decimal(hours))
    periods = [PlacementPercent(percent=percent, valid_from=week)]
    return week_row(week_start=week, timesheet=sheet, percents=periods, tolerance=tolerance)


def test_at_50_percent_and_tolerance_090_16_875_hours_count_and_16_5_do_not():
    assert required_hours(50, TOLERANCE) == Decimal("16.875")
    assert approved_week("16.875").counts
    assert approved_week("16.88").counts
    assert not approved_week("16.87").counts
    assert not approved_week("16.5").counts


def test_the_full_week_comes_from_settings(settings):
    settings.HOURS_PER_FULL_WEEK = 40
    assert required_hours(50, Decimal("1")) == Decimal("20")


def test_the_tolerance_is_the_versions():
    assert required_hours(50, Decimal("1.00")) == Decimal("18.75")
    assert not approved_week("17", tolerance=Decimal("1.00")).counts
    assert approved_week("17", tolerance=Decimal("0.90")).counts


def test_the_period_covering_the_monday_applies():
    periods = [
        PlacementPercent(percent=50, valid_from=dt.date(2026, 9, 2)),
        PlacementPercent(percent=60, valid_from=dt.date(2026, 10, 5)),
    ]
    # The first week starts before the first period (placement from a Wednesday).
    assert percent_at(periods, dt.date(2026, 8, 31)) == 50
    assert percent_at(periods, dt.date(2026, 9, 28)) == 50
    assert percent_at(periods, dt.date(2026, 10, 5)) == 60
    assert percent_at(periods, dt.date(2026, 12, 7)) == 60
    # A change from a Wednesday applies from the next week's Monday.
    periods.append(PlacementPercent(percent=40, valid_from=dt.date(2026, 11, 11)))
    assert percent_at(periods, dt.date(2026, 11, 9)) == 60
    assert percent_at(periods, dt.date(2026, 11, 16)) == 40
    assert percent_at([], dt.date(2026, 11, 16)) is None


def test_weeks_of_a_period_and_days_within_it():
    start, end = dt.date(2026, 9, 2), dt.date(2026, 9, 15)  # Wednesday to Tuesday
    assert week_starts(start, end) == [
        dt.date(2026, 8, 31),
        dt.date(2026, 9, 7),
        dt.date(2026, 9, 14),
    ]
    assert week_within(dt.date(2026, 8, 31), start, end)
    assert not week_within(dt.date(2026, 8, 24), start, end)
    assert not week_within(dt.date(2026, 9, 21), start, end)
    assert not week_within(dt.date(2026, 9, 8), start, end)  # a Tuesday
    assert days_in_placement(dt.date(2026, 8, 31), start, end)[0] == start
    assert len(days_in_placement(dt.date(2026, 9, 14), start, end)) == 2


def test_the_reason_says_why_a_week_counts_or_not():
    periods = [PlacementPercent(percent=50, valid_from=dt.date(2026, 9, 7))]
    week = dt.date(2026, 9, 7)

    def row(status, hours):
        sheet = Timesheet(week_start=week, status=status, total_hours=Decimal(hours))
        return week_row(week_start=week, timesheet=sheet, percents=periods, tolerance=TOLERANCE)

    approved = row(TimesheetStatus.APPROVED, "18.75")
    assert approved.counts
    assert approved.reason == "Teller: 18,75 t av 16,875 t som kreves (50 %)."
    short = row(TimesheetStatus.APPROVED, "16.50")
    assert not short.counts
    assert short.reason == "Teller ikke: 16,5 t, men 16,875 t kreves (50 %)."
    assert not row(TimesheetStatus.SUBMITTED, "30").counts
    assert not row(TimesheetStatus.RETURNED, "30").counts
    assert not row(TimesheetStatus.DRAFT, "30").counts
    empty = week_row(week_start=week, timesheet=None, percents=periods, tolerance=TOLERANCE)
    assert (empty.counts, empty.reason, empty.editable) == (False, "Ingen timeliste.", True)


def test_weeks_run_until_this_week_plus_weeks_already_filled_in():
    periods = [PlacementPercent(percent=50, valid_from=dt.date(2026, 9, 7))]
    later = Timesheet(week_start=dt.date(2026, 11, 2), total_hours=Decimal("1"))
    rows = placement_weeks(
        start=dt.date(2026, 9, 7),
        end=dt.date(2027, 1, 31),
        timesheets=[later],
        percents=periods,
        tolerance=TOLERANCE,
        until=dt.date(2026, 9, 23),
    )
    assert [r.week_start for r in rows] == [
        dt.date(2026, 9, 7),
        dt.date(2026, 9, 14),
        dt.date(2026, 9, 21),
        dt.date(2026, 11, 2),
    ]
    assert rows[-1].timesheet is later


def test_hours_are_shown_the_norwegian_way():
    assert format_week_hours(Decimal("16.875")) == "16,875"
    assert format_week_hours(Decimal("18.750")) == "18,75"
    assert format_week_hours(Decimal("20.00")) == "20"
    assert format_week_hours(Decimal("0.00")) == "0"
