"""The refund formula, to the øre (hand calculations in the comments)."""

from decimal import Decimal

from brobygger.subsidy.calc import monthly_refund, share, wage_costs
from brobygger.subsidy.templatetags.subsidy_format import format_kroner, pct


def test_wage_costs_follow_navs_formula_rounding_each_amount_to_the_ore():
    # W = 32 123,45 kr = 3 212 345 øre
    # F = 3 212 345 × 10,2 %             = 327 659,19  -> 327 659
    # O = (3 212 345 + 327 659) × 2 %     = 3 540 004 × 0,02 = 70 800,08 -> 70 800
    # A = (3 540 004 + 70 800) × 14,1 %   = 3 610 804 × 0,141 = 509 123,364 -> 509 123
    # C = 3 212 345 + 327 659 + 70 800 + 509 123 = 4 119 927
    costs = wage_costs(
        wage_ore=3_212_345,
        holiday_pay_rate=Decimal("10.2"),
        pension_rate=Decimal("2"),
        employer_tax_rate=Decimal("14.1"),
    )
    assert (costs.wage, costs.holiday_pay, costs.pension, costs.employer_tax) == (
        3_212_345,
        327_659,
        70_800,
        509_123,
    )
    assert costs.total == 4_119_927


def test_the_monthly_refund_is_the_percent_of_the_wage_costs_rounded_half_up():
    costs = wage_costs(
        wage_ore=3_212_345,
        holiday_pay_rate=Decimal("10.2"),
        pension_rate=Decimal("2"),
        employer_tax_rate=Decimal("14.1"),
    )
    assert monthly_refund(costs, Decimal("40")) == 1_647_971  # 1 647 970,8
    assert monthly_refund(costs, Decimal("30")) == 1_235_978  # 1 235 978,1
    assert monthly_refund(costs, Decimal("45")) == 1_853_967  # 1 853 967,15


def test_half_an_ore_rounds_up_not_to_even():
    assert share(5, Decimal("10")) == 1  # 0,5 -> 1 (banker's rounding would give 0)
    assert share(25, Decimal("10")) == 3  # 2,5 -> 3 (banker's rounding would give 2)
    assert share(24, Decimal("10")) == 2  # 2,4 -> 2


def test_zero_rates_leave_the_wage_as_the_cost():
    costs = wage_costs(
        wage_ore=100_000,
        holiday_pay_rate=Decimal(0),
        pension_rate=Decimal(0),
        employer_tax_rate=Decimal(0),
    )
    assert costs.total == 100_000
    assert monthly_refund(costs, Decimal("100")) == 100_000


def test_amounts_are_shown_as_norwegian_kroner():
    assert format_kroner(4_943_913) == "49\u00a0439,13\u00a0kr"
    assert format_kroner(5) == "0,05\u00a0kr"
    assert format_kroner(123_456_700) == "1\u00a0234\u00a0567,00\u00a0kr"
    assert pct(Decimal("10.200")) == "10,2\u00a0%"
    assert pct(Decimal("40.00")) == "40\u00a0%"
