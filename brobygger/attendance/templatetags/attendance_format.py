"""Display helpers for hours and shares (formatting only, no logic)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from brobygger.core.formatting import format_hours, whole_percent

register = template.Library()


@register.filter
def hours(value: Decimal | None) -> str:
    """7.50 -> "7,5"."""
    if value is None:
        return ""
    return format_hours(Decimal(value))


@register.filter
def percent(value: Decimal | None) -> str:
    """0.725 -> "72" (rounded down, like the warnings)."""
    if value is None:
        return ""
    return str(whole_percent(Decimal(value)))
