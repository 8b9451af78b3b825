"""Dates for the demo: teaching days and practice weeks, skipping the school holidays."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

# ISO weeks without teaching or practice: Christmas, winter break, the summer holiday.
HOLIDAY_WEEKS = frozenset({1, 9, 28, 29, 30, 31, 52, 53})
WEEK = dt.timedelta(weeks=1)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def is_holiday_week(week_start: dt.date) -> bool:
    return week_start.isocalendar().week in HOLIDAY_WEEKS


def aware(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def teaching_days(start: dt.date, end: dt.date, count: int) -> list[dt.date]:
    """Tuesdays and Thursdays from start, outside holiday weeks, until `count` are found."""
    days: list[dt.date] = []
    week = monday(start)
    while len(days) < count and week <= end:
        if not is_holiday_week(week):
            for offset in (1, 3):
                day = week + dt.timedelta(days=offset)
                if start <= day <= end and len(days) < count:
                    days.append(day)
        week += WEEK
    return days


def practice_weeks(start: dt.date, *, before: dt.date, limit: int | None = None) -> list[dt.date]:
    """Mondays of practice weeks from `start` whose Monday is before `before`."""
    weeks: list[dt.date] = []
    week = monday(start)
    while week < before and (limit is None or len(weeks) < limit):
        if not is_holiday_week(week):
            weeks.append(week)
        week += WEEK
    return weeks
