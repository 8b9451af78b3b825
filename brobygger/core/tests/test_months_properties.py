"""Properties of whole-month arithmetic (agreements and refund periods run in calendar months)."""

import calendar
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from brobygger.core.months import add_months, month_starts, months_between

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))
steps = st.integers(min_value=-240, max_value=240)


@given(days, steps)
def test_add_months_lands_in_the_right_month_on_the_same_or_last_day(day, n):
    moved = add_months(day, n)
    assert moved.year * 12 + moved.month == day.year * 12 + day.month + n
    last = calendar.monthrange(moved.year, moved.month)[1]
    assert moved.day == min(day.day, last)


@given(days, steps)
def test_add_months_is_undone_by_its_negative_unless_the_day_was_clamped(day, n):
    back = add_months(add_months(day, n), -n)
    if add_months(day, n).day == day.day:
        assert back == day
    else:  # 31 January + 1 month = 28/29 February, and back is the 28th/29th
        assert back.day < day.day and back.month == day.month


@given(days, steps, steps)
def test_add_months_keeps_order_and_counts_months_both_ends_included(day, a, b):
    low, high = sorted((a, b))
    assert add_months(day, low) <= add_months(day, high)
    assert months_between(add_months(day, low), add_months(day, high)) == high - low + 1


@given(days, st.integers(min_value=0, max_value=36))
def test_month_starts_are_consecutive_first_days(day, count):
    starts = month_starts(day, count)
    assert len(starts) == count
    assert all(s.day == 1 for s in starts)
    assert all(months_between(a, b) == 2 for a, b in zip(starts, starts[1:], strict=False))
