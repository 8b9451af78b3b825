"""`{{ day|day_month }}`: the active language's short date without the year (core.formatting)."""

from __future__ import annotations

import datetime as dt

from django import template

from brobygger.core.formatting import format_day_month

register = template.Library()


@register.filter
def day_month(day: dt.date | None) -> str:
    return format_day_month(day) if day else ""
