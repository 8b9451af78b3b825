"""Properties of the refund formula (subsidy/calc.py), checked against exact fractions."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import example, given
from hypothesis import strategies as st

from brobygger.subsidy.calc import monthly_refund, wage_costs

wages = st.integers(min_value=0, max_value=20_000_000)  # up to 200 000 kr a month, in øre
rates = st.decimals(min_value=0, max_value=60, places=3)


def _half_up(value: Fraction) -> int:
    """Round half up to a whole øre, exactly (an oracle apart from the Decimal code)."""
    return int((value + Fraction(1, 2)) // 1)


@given(wages, rates, rates, rates, rates)
# Exact halves of an øre, where half up and half to even differ: 1 øre × 50 %, 3 øre × 12.5 %.
@example(wage=1, holiday=Decimal(50), pension=Decimal(0), tax=Decimal(0), percent=Decimal(50))
@example(wage=3, holiday=Decimal("12.5"), pension=Decimal(50), tax=Decimal(50), percent=Decimal(50))
def test_each_amount_is_its_payslip_line_rounded_half_up(wage, holiday, pension, tax, percent):
    costs = wage_costs(
        wage_ore=wage, holiday_pay_rate=holiday, pension_rate=pension, employer_tax_rate=tax
    )
    f = _half_up(Fraction(wage) * Fraction(holiday) / 100)
    o = _half_up(Fraction(wage + f) * Fraction(pension) / 100)
    a = _half_up(Fraction(wage + f + o) * Fraction(tax) / 100)
    assert (costs.wage, costs.holiday_pay, costs.pension, costs.employer_tax) == (wage, f, o, a)
    assert costs.total == wage + f + o + a
    refund = monthly_refund(costs, percent)
    assert refund == _half_up(Fraction(costs.total) * Fraction(percent) / 100)
    assert abs(Fraction(refund) - Fraction(costs.total) * Fraction(percent) / 100) <= Fraction(1, 2)


@given(wages, wages, rates, rates, rates, rates)
def test_a_higher_wage_never_gives_lower_costs_or_refund(w1, w2, holiday, pension, tax, percent):
    low, high = sorted((w1, w2))
    rates_ = {"holiday_pay_rate": holiday, "pension_rate": pension, "employer_tax_rate": tax}
    a, b = wage_costs(wage_ore=low, **rates_), wage_costs(wage_ore=high, **rates_)
    assert a.total <= b.total
    assert monthly_refund(a, percent) <= monthly_refund(b, percent)


@given(wages)
def test_with_no_rates_the_costs_are_the_wage_and_a_full_subsidy_refunds_them(wage):
    costs = wage_costs(
        wage_ore=wage,
        holiday_pay_rate=Decimal(0),
        pension_rate=Decimal(0),
        employer_tax_rate=Decimal(0),
    )
    assert costs.total == wage
    assert monthly_refund(costs, Decimal(100)) == wage
    assert monthly_refund(costs, Decimal(0)) == 0
