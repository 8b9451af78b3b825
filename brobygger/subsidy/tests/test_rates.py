"""Which percent each month gets, from the seeded rates table (migration 0002)."""

import datetime as dt
from decimal import Decimal

from brobygger.subsidy.models import SubsidyRate
from brobygger.subsidy.rates import max_months_at, month_rates
from brobygger.subsidy.seed import ROWS


def plan(kind, reduced, months, start=dt.date(2026, 1, 1)):
    rates = list(SubsidyRate.objects.filter(subsidy_type=kind, reduced_capacity=reduced))
    return [row.percent for row in month_rates(rates, start=start, months=months)]


def test_the_migration_seeds_every_row_once(db):
    assert SubsidyRate.objects.count() == len(ROWS) == 10


def test_temporary_from_january_gives_40_for_january_to_june_then_30(db):
    assert plan("temporary", False, 12) == [Decimal("40")] * 6 + [Decimal("30")] * 6


def test_temporary_with_reduced_capacity_gives_60_for_12_months_then_50(db):
    assert plan("temporary", True, 24) == [Decimal("60")] * 12 + [Decimal("50")] * 12


def test_permanent_gives_75_the_first_year_then_67(db):
    assert plan("permanent", True, 18) == [Decimal("75")] * 12 + [Decimal("67")] * 6


def test_permanent_without_reduced_capacity_has_no_rate(db):
    assert plan("permanent", False, 2) == [None, None]


def test_grants_are_100_percent_of_the_amount_entered(db):
    assert plan("mentor", False, 6) == [Decimal("100")] * 6
    assert plan("inclusion", True, 12) == [Decimal("100")] * 12


def test_months_are_counted_from_the_agreement_start_not_the_calendar_year(db):
    # Start in October 2026: months 1-6 are October–March, month 7 is April 2027.
    rows = plan("temporary", False, 8, start=dt.date(2026, 10, 1))
    assert rows == [Decimal("40")] * 6 + [Decimal("30")] * 2


def test_the_longest_agreement_comes_from_the_first_phase_row(db):
    temporary = list(SubsidyRate.objects.filter(subsidy_type="temporary", reduced_capacity=False))
    reduced = list(SubsidyRate.objects.filter(subsidy_type="temporary", reduced_capacity=True))
    mentor = list(SubsidyRate.objects.filter(subsidy_type="mentor", reduced_capacity=True))
    permanent = list(SubsidyRate.objects.filter(subsidy_type="permanent", reduced_capacity=True))
    on = dt.date(2026, 1, 1)
    assert max_months_at(temporary, on=on) == 12
    assert max_months_at(reduced, on=on) == 24
    assert max_months_at(mentor, on=on) == 36
    assert max_months_at(permanent, on=on) is None


def test_a_row_from_a_later_date_changes_only_the_months_from_that_date(db):
    # A new first-phase rate of 45 % from May 2026 and a new after-phase rate of 35 % from
    # September 2026 (rows added directly here; the service rules are tested elsewhere).
    for phase, percent, valid_from in (("first", 45, (2026, 5, 1)), ("after", 35, (2026, 9, 1))):
        SubsidyRate.objects.create(
            subsidy_type="temporary",
            reduced_capacity=False,
            phase=phase,
            percent=Decimal(percent),
            phase_months=6,
            max_months=12,
            valid_from=dt.date(*valid_from),
        )
    # Jan–Apr 40 (old first row), May–Jun 45 (new first row), Jul–Aug 30, Sep–Dec 35.
    expected = [40] * 4 + [45] * 2 + [30] * 2 + [35] * 4
    assert plan("temporary", False, 12) == [Decimal(p) for p in expected]
