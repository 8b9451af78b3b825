"""Writes: a signed-in person's interface language, kept on their login (issue 14)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from brobygger.core.audit import audit_record


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@transaction.atomic
def user_language_set(*, by: Any, language: str) -> None:
    """Remember `language` for `by`; it then follows them to every device they sign in on."""
    if language not in language_codes():
        raise ValidationError(_("Velg bokmål, nynorsk eller engelsk."))
    old = by.language
    if old == language:
        return
    by.language = language
    by.save(update_fields=["language"])
    audit_record(by=by, action="update", obj=by, changes={"language": [old, language]})
