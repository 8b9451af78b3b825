"""The refund formula, in øre with Decimal and explicit rounding (never float).

NAV computes the wage subsidy refund on the monthly wage costs:

    feriepenger   F = round(W × holiday %)
    OTP           O = round((W + F) × pension %)
    AGA           A = round((W + F + O) × employer tax %)
    wage costs    C = W + F + O + A
    refund        R = round(C × subsidy %)

W is the agreed monthly wage in øre; "round" is ROUND_HALF_UP to a whole øre, applied to
each amount as it would appear on a payslip, and the refund is rounded per month. A refund
period's sum is the sum of its rounded months, so the monthly table always adds up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal("100")


def round_ore(value: Decimal) -> int:
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def share(amount_ore: int, percent: Decimal) -> int:
    """`percent` of `amount_ore`, rounded half up to a whole øre."""
    return round_ore(Decimal(amount_ore) * Decimal(percent) / HUNDRED)


@dataclass(frozen=True)
class WageCosts:
    wage: int
    holiday_pay: int
    pension: int
    employer_tax: int

    @property
    def total(self) -> int:
        return self.wage + self.holiday_pay + self.pension + self.employer_tax


def wage_costs(
    *, wage_ore: int, holiday_pay_rate: Decimal, pension_rate: Decimal, employer_tax_rate: Decimal
) -> WageCosts:
    holiday = share(wage_ore, holiday_pay_rate)
    pension = share(wage_ore + holiday, pension_rate)
    tax = share(wage_ore + holiday + pension, employer_tax_rate)
    return WageCosts(wage=wage_ore, holiday_pay=holiday, pension=pension, employer_tax=tax)


def monthly_refund(costs: WageCosts, percent: Decimal) -> int:
    return share(costs.total, percent)
