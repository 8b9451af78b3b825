"""Numbers for people: Norwegian decimal comma, no trailing zeros. One place for every app."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def format_number(value: Decimal | int, *, places: int = 2) -> str:
    """142.00 -> "142", 37.50 -> "37,5", 16.875 -> "16,88" (or "16,875" with places=3)."""
    quantum = Decimal(1).scaleb(-places)
    text = f"{Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
