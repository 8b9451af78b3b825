"""Test helpers: real minimal PDF/DOCX/ODT bytes and attempts (synthetic content only)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from brobygger.assessments.models import Assessment, Outcome, Submission
from brobygger.enrolments.models import Enrolment

MINIMAL_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)

CONTENT_TYPES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Min oppgave</w:t></w:r></w:p></w:body></w:document>"
)


def minimal_docx(
    *,
    extra: dict[str, str] | None = None,
    content_types: str | bytes = CONTENT_TYPES_XML,
    content_types_name: str = "[Content_Types].xml",
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(content_types_name, content_types)
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", DOCUMENT_XML)
        for name, text in (extra or {}).items():
            archive.writestr(name, text)
    return buffer.getvalue()


def content_types_with(
    *overrides: tuple[str, str], defaults: tuple[tuple[str, str], ...] = ()
) -> str:
    """CONTENT_TYPES_XML plus `<Override PartName ContentType>` and `<Default Extension ...>`."""
    extra = "".join(f'<Override PartName="{part}" ContentType="{ct}"/>' for part, ct in overrides)
    extra += "".join(f'<Default Extension="{ext}" ContentType="{ct}"/>' for ext, ct in defaults)
    return CONTENT_TYPES_XML.replace("</Types>", extra + "</Types>")


def docx_bomb(unpacked_bytes: int) -> bytes:
    """A real-looking DOCX whose document.xml inflates to `unpacked_bytes` of zeros. Written in
    1 MB chunks and compressed about 1000:1, so the test holds only the small zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES_XML)
        archive.writestr("_rels/.rels", "<Relationships/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(unpacked_bytes // len(chunk)):
                member.write(chunk)
            member.write(b"\0" * (unpacked_bytes % len(chunk)))
    return buffer.getvalue()


def minimal_odt(*, mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # ODF: "mimetype" first and stored uncompressed.
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "META-INF/manifest.xml", "<manifest:manifest/>", compress_type=zipfile.ZIP_DEFLATED
        )
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notat.txt", "hei")
    return buffer.getvalue()


def upload(name: str = "oppgave.pdf", content: bytes = MINIMAL_PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def stored_files() -> list[Path]:
    """Every file in the (per-test) private storage."""
    root = Path(storages["private"].location)  # type: ignore[attr-defined]
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def make_attempts(
    enrolment: Enrolment, count: int, *, by: Any, last_outcome: str | None = None
) -> list[Submission]:
    """`count` attempts straight in the database (no files): all but the last assessed
    "resubmit"; the last assessed `last_outcome` (None = waiting)."""
    rows = []
    for n in range(1, count + 1):
        submission = Submission.objects.create(
            enrolment=enrolment,
            attempt=n,
            file=f"assignments/{enrolment.pk}/tok{enrolment.pk}x{n}",
            file_token=f"tok{enrolment.pk}x{n}",
            original_name=f"oppgave-{n}.pdf",
            content_type="application/pdf",
            size=100,
            sha256="0" * 64,
            submitted_by=by,
            submitted_at=timezone.now(),
        )
        outcome = Outcome.RESUBMIT if n < count else last_outcome
        if outcome:
            Assessment.objects.create(
                submission=submission,
                outcome=outcome,
                feedback="Skriv mer om egen erfaring." if outcome != Outcome.APPROVED else "",
                assessed_by=by,
                assessed_at=timezone.now(),
            )
        rows.append(submission)
    return rows
