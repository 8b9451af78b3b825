"""Which rate applies to which month of an agreement (pure functions over rate rows).

Rule (decided for issue 4): a month uses the rate rows in force on that month's FIRST DAY,
not those in force when the agreement started. A row added later (always with a later
`valid_from`, see services) so changes later months only; earlier months keep theirs.

Month n of an agreement (n = 1 for the start month) is in the first phase while
n <= phase_months of the first-phase row in force that month, otherwise in the "after" phase.
Callers pass the rows for one (type, reduced capacity) pair, fetched in one query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from brobygger.core.months import month_starts
from brobygger.subsidy.models import Phase, SubsidyRate


@dataclass(frozen=True)
class MonthRate:
    month: dt.date  # first day of the month
    index: int  # 1-based month of the agreement
    rate: SubsidyRate | None  # None: the table has no rate for this month

    @property
    def percent(self) -> Decimal | None:
        return self.rate.percent if self.rate else None


def rate_in_force(rates: Sequence[SubsidyRate], *, phase: str, on: dt.date) -> SubsidyRate | None:
    candidates = [r for r in rates if r.phase == phase and r.valid_from <= on]
    return max(candidates, key=lambda r: r.valid_from) if candidates else None


def rate_for_month(
    rates: Sequence[SubsidyRate], *, index: int, month: dt.date
) -> SubsidyRate | None:
    first = rate_in_force(rates, phase=Phase.FIRST, on=month)
    if first is None:
        return None
    if index <= first.phase_months:
        return first
    return rate_in_force(rates, phase=Phase.AFTER, on=month)


def month_rates(rates: Sequence[SubsidyRate], *, start: dt.date, months: int) -> list[MonthRate]:
    return [
        MonthRate(month=month, index=n, rate=rate_for_month(rates, index=n, month=month))
        for n, month in enumerate(month_starts(start, months), start=1)
    ]


def max_months_at(rates: Sequence[SubsidyRate], *, on: dt.date) -> int | None:
    """The longest agreement allowed by the first-phase row in force on `on` (None: no cap)."""
    first = rate_in_force(rates, phase=Phase.FIRST, on=on)
    return first.max_months if first else None
