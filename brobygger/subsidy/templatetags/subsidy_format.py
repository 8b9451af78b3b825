"""Display of øre and percent rates, Norwegian style (formatting only, no logic)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from brobygger.core.formatting import format_number

register = template.Library()

NBSP = "\u00a0"


def format_kroner(ore: int) -> str:
    """3212345 -> "32 123,45 kr" (non-breaking spaces), always two decimals."""
    sign = "-" if ore < 0 else ""
    kroner, rest = divmod(abs(int(ore)), 100)
    grouped = f"{kroner:,}".replace(",", NBSP)
    return f"{sign}{grouped},{rest:02d}{NBSP}kr"


@register.filter
def kroner(ore: int | None) -> str:
    return "" if ore is None else format_kroner(ore)


@register.filter
def pct(value: Decimal | int | None) -> str:
    """Decimal("10.200") -> "10,2 %"."""
    return "" if value is None else f"{format_number(value, places=3)}{NBSP}%"
