"""The rule for funding periods: on no day may the shares of the periods in force add up to
more than 100 %. Pure functions, used by services for positions and employments alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class FundingRow:
    source: str
    share_percent: int
    valid_from: dt.date
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class Overflow:
    day: dt.date
    total: int


def _covers(row: FundingRow, day: dt.date) -> bool:
    return row.valid_from <= day and (row.valid_to is None or day <= row.valid_to)


def first_overflow(rows: Iterable[FundingRow]) -> Overflow | None:
    """The first day on which the shares exceed 100 %, with the total that day.

    The sum only rises where a period starts, so checking every start date is enough."""
    rows = list(rows)
    for day in sorted({r.valid_from for r in rows}):
        total = sum(r.share_percent for r in rows if _covers(r, day))
        if total > 100:
            return Overflow(day=day, total=total)
    return None


def total_on(rows: Iterable[FundingRow], day: dt.date) -> int:
    return sum(r.share_percent for r in rows if _covers(r, day))
