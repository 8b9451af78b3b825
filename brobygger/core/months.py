"""Whole-month date arithmetic (agreements and refund periods run in calendar months)."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months; the day of month is clamped (31.01 + 1 -> 28/29.02)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def months_between(first: dt.date, last: dt.date) -> int:
    """How many calendar months from `first`'s month to `last`'s month, both included."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def month_starts(start: dt.date, count: int) -> list[dt.date]:
    """The first day of `count` consecutive months from `start`'s month."""
    first = month_start(start)
    return [add_months(first, n) for n in range(count)]
