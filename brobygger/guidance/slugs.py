"""Slugs from Norwegian text: æ, ø, å become ae, o, a (Django's slugify would drop ø)."""

from __future__ import annotations

from django.utils.text import slugify

_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def norwegian_slugify(text: str, *, max_length: int = 60) -> str:
    return slugify(text.translate(_LETTERS))[:max_length].strip("-")
