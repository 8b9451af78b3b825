"""Which language a mail is written in (ADR 0021): the recipient's own choice when they have a
login with one, else the language active when the mail was asked for (when that tells us about
the recipient), else settings.LANGUAGE_CODE. Mails are rendered inside
`translation.override(mail_language(...))`, in a request or in a job alike."""

from __future__ import annotations

from typing import Any

from django.conf import settings


def _known(code: str | None) -> str:
    codes = {c for c, _name in settings.LANGUAGES}
    code = (code or "").lower()
    for candidate in (code, code.split("-")[0]):
        if candidate in codes:
            return candidate
    return ""


def mail_language(recipient: Any = None, *, requested: str | None = None) -> str:
    return (
        _known(getattr(recipient, "language", ""))
        or _known(requested)
        or str(settings.LANGUAGE_CODE)
    )
