"""Norwegian public holidays (helligdager), from the `holidays` package: the one place that says
which days are holidays, for session series (skipped) and the practice-week rule (a weekday
holiday lowers the week's expected hours).

Only the statutory holidays count: 1 January, Maundy Thursday, Good Friday, Easter Sunday and
Monday, 1 May, Ascension Day, 17 May, Whit Sunday and Monday, 25 and 26 December. Ordinary
Sundays are not holidays here, and Christmas Eve and New Year's Eve are not either.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _norway(year: int) -> dict[dt.date, str]:
    calendar = holidays.country_holidays("NO", years=year, language="no")
    return {day: str(name) for day, name in calendar.items()}


def holiday_name(day: dt.date) -> str | None:
    """The holiday's Norwegian name, e.g. "Grunnlovsdag", or None on an ordinary day."""
    return _norway(day.year).get(day)


def is_public_holiday(day: dt.date) -> bool:
    return holiday_name(day) is not None


def weekday_holidays(week_start: dt.date) -> list[dt.date]:
    """The public holidays Monday to Friday in the Monday-week that holds `week_start`."""
    monday = week_start - dt.timedelta(days=week_start.weekday())
    days = (monday + dt.timedelta(days=n) for n in range(5))
    return [day for day in days if is_public_holiday(day)]
