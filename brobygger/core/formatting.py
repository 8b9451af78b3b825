"""Numbers and days for people, in the active language's format. One place for every app."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.utils.formats import date_format, get_format


def format_number(value: Decimal | int, *, places: int = 2) -> str:
    """142.00 -> "142", 37.50 -> "37,5", 16.875 -> "16,88" (or "16,875" with places=3); the
    decimal mark is the active language's (a comma in bokmål and nynorsk, a point in English)."""
    quantum = Decimal(1).scaleb(-places)
    text = f"{Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", str(get_format("DECIMAL_SEPARATOR")))


def format_hours(value: Decimal | int, *, places: int = 2) -> str:
    """Hours as a number: 7.50 -> "7,5" (the placement weeks' required hours use places=3)."""
    return format_number(value, places=places)


def whole_percent(share: Decimal | int) -> int:
    """A share as whole percent, rounded down: 0.796 -> 79, so 79.6 % never reads as meeting
    an 80 % rule."""
    return int((Decimal(share) * 100).to_integral_value(rounding=ROUND_FLOOR))


def format_day(day: dt.date) -> str:
    """03.12.2026 in bokmål and nynorsk, 03/12/2026 in English."""
    return date_format(day, "SHORT_DATE_FORMAT")


def format_day_month(day: dt.date) -> str:
    """The short date without its year, where the year is said nearby: 03.12. in bokmål and
    nynorsk, 03/12 in English."""
    return date_format(day, str(get_format("SHORT_DATE_FORMAT")).replace("Y", "").rstrip("/-"))
