from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.translation import get_language

register = template.Library()

# Each language is named in itself, so a reader finds their own whatever the page is in.
OWN_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}


@register.simple_tag
def language_choices() -> list[dict[str, Any]]:
    current = get_language()
    return [
        {"code": code, "name": OWN_NAMES.get(code, name), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
