import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from brobygger.employment.funding import FundingRow, first_overflow, total_on

D = dt.date


def test_back_to_back_periods_may_each_be_100_percent():
    rows = [
        FundingRow("project", 100, D(2026, 1, 1), D(2026, 6, 30)),
        FundingRow("ordinary_budget", 100, D(2026, 7, 1), None),
    ]
    assert first_overflow(rows) is None


def test_overlapping_shares_over_100_are_found_on_the_first_day_they_overlap():
    rows = [
        FundingRow("ordinary_budget", 60, D(2026, 1, 1), None),
        FundingRow("nav_wage_subsidy", 50, D(2026, 3, 1), D(2026, 8, 31)),
    ]
    overflow = first_overflow(rows)
    assert overflow is not None
    assert (overflow.day, overflow.total) == (D(2026, 3, 1), 110)


def test_the_last_day_of_a_period_counts():
    rows = [
        FundingRow("project", 60, D(2026, 1, 1), D(2026, 3, 1)),
        FundingRow("mb_funds", 50, D(2026, 3, 1), None),
    ]
    assert first_overflow(rows) is not None
    assert total_on(rows, D(2026, 3, 2)) == 50


@given(
    st.lists(
        st.tuples(
            st.integers(1, 100), st.integers(0, 60), st.one_of(st.none(), st.integers(0, 60))
        ),
        max_size=5,
    )
)
def test_first_overflow_agrees_with_a_day_by_day_count(raw):
    start = D(2026, 1, 1)
    rows = [
        FundingRow(
            "project",
            share,
            start + dt.timedelta(days=a),
            None if length is None else start + dt.timedelta(days=a + length),
        )
        for share, a, length in raw
    ]
    days = [start + dt.timedelta(days=n) for n in range(130)]
    expected = next((d for d in days if total_on(rows, d) > 100), None)
    found = first_overflow(rows)
    assert (found.day if found else None) == expected
