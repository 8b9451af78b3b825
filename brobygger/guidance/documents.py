"""Documents in the resource library: PDF only, judged from the bytes (assessments/filetypes)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from brobygger.assessments.filetypes import (
    PDF,
    detect,
    extension_of,
    human_size,
    safe_filename,
    too_large_message,
)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "GUIDANCE_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_pdf(upload: Any) -> None:
    """A non-empty PDF named .pdf, within the size limit; ValidationError keyed "document"."""
    size = getattr(upload, "size", None) or 0
    if size <= 0:
        raise ValidationError({"document": _("Filen er tom.")}, code="empty")
    if size > max_bytes():
        raise ValidationError({"document": too_large_message(max_bytes())}, code="too_large")
    if extension_of(getattr(upload, "name", "") or "") != PDF.extension or detect(upload) != PDF:
        raise ValidationError(
            {"document": _("Filen er ikke en gyldig PDF-fil. Bare PDF kan lastes opp.")},
            code="invalid_type",
        )


def display_name(name: str) -> str:
    return safe_filename(name, kind=PDF)[:200]


def size_label(size: int | None) -> str:
    return human_size(size) if size else ""
