"""Test helpers for guidance."""

from __future__ import annotations

import io
import itertools
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from brobygger.guidance import services
from brobygger.guidance.models import GuidancePage, Resource

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf(name: str = "Veileder for ledere.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def not_pdf(name: str = "lurt.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")


_seq = itertools.count(1)


def make_page(*, by: Any, title: str | None = None, **fields: Any) -> GuidancePage:
    values = {"body": "Første avsnitt.\n\n- punkt en\n- punkt to", "summary": "Kort.", **fields}
    return services.page_create(by=by, title=title or f"Om tilrettelegging {next(_seq)}", **values)


def make_resource(*, by: Any, title: str = "Lønnstilskudd", **fields: Any) -> Resource:
    values: dict[str, Any] = {
        "summary": "Om lønnstilskudd.",
        "url": "https://www.nav.no/arbeidsgiver/lonnstilskudd",
        "tags": ["Lønnstilskudd"],
        **fields,
    }
    if values.get("document") is not None:
        values["url"] = fields.get("url", "")
    return services.resource_create(by=by, title=title, **values)


def bytes_of(response: Any) -> bytes:
    buffer = io.BytesIO()
    for chunk in response.streaming_content:
        buffer.write(chunk)
    return buffer.getvalue()
