"""What an uploaded assignment really is, judged from its bytes, not only from its name.

Accepted: PDF, DOCX (Office Open XML word processing) and ODT (OpenDocument text). The name's
extension must agree with the detected content. Zip containers are inspected by their central
directory only (member names and declared sizes); nothing is extracted except ODT's tiny
`mimetype` member, whose declared size is checked first, so a zip bomb costs us nothing.
"""

from __future__ import annotations

import os
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    extension: str  # without the dot
    content_type: str
    label: str


PDF = FileKind("pdf", "application/pdf", "PDF")
DOCX = FileKind(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"
)
ODT = FileKind("odt", "application/vnd.oasis.opendocument.text", "ODT")
KINDS: dict[str, FileKind] = {kind.extension: kind for kind in (PDF, DOCX, ODT)}
ACCEPT_ATTR = ",".join(f".{ext}" for ext in KINDS)  # for <input type=file accept=...>

# More members than any real assignment has; a crafted central directory is refused early.
MAX_ZIP_MEMBERS = 5000
HEAD_BYTES = 8192


def invalid_type_message() -> str:
    return _(
        "Filen er ikke en gyldig PDF-, DOCX- eller ODT-fil. Innholdet stemmer ikke med filnavnet."
    )


def too_large_message(max_bytes: int) -> str:
    return _("Filen er for stor (maks %(size)s).") % {"size": human_size(max_bytes)}


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        mb = size / (1024 * 1024)
        return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB".replace(".", ",")
    if size >= 1024:
        return f"{size // 1024} kB"
    return f"{size} B"


def _rewind(fileobj: IO[bytes]) -> None:
    fileobj.seek(0)


def _docx(archive: zipfile.ZipFile) -> bool:
    names = set(archive.namelist())
    # A macro-enabled document (.docm) renamed to .docx carries a VBA project: refuse it.
    return (
        "[Content_Types].xml" in names
        and "word/document.xml" in names
        and "word/vbaProject.bin" not in names
    )


def _odt(archive: zipfile.ZipFile) -> bool:
    members = archive.infolist()
    first = members[0] if members else None
    if first is None or first.filename != "mimetype" or first.file_size > 100:
        return False
    with archive.open(first) as handle:
        return handle.read(101).strip() == ODT.content_type.encode()


def _inspect_zip(fileobj: IO[bytes]) -> FileKind | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            if len(archive.infolist()) > MAX_ZIP_MEMBERS:
                return None
            if _docx(archive):
                return DOCX
            if _odt(archive):
                return ODT
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,  # unsupported compression
        RuntimeError,  # encrypted member
        EOFError,
        OSError,
        ValueError,
        KeyError,
    ):
        return None
    return None


def detect(fileobj: IO[bytes]) -> FileKind | None:
    """The accepted kind the bytes really are, or None. Leaves the file rewound."""
    _rewind(fileobj)
    head = fileobj.read(HEAD_BYTES)
    _rewind(fileobj)
    try:
        guess = filetype.guess(head) if head else None
        if guess is not None and guess.mime == PDF.content_type and head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"PK\x03\x04"):
            return _inspect_zip(fileobj)
        return None
    finally:
        _rewind(fileobj)


def extension_of(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


def safe_filename(name: str, *, kind: FileKind | None = None) -> str:
    """A display/download name: no folders, no control characters, bounded length, and the
    extension of the detected kind (so a download never claims to be something else)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C" and ch not in '"<>:|?*')
    stem, ext = os.path.splitext(base.strip().strip("."))
    stem = stem.strip()[:150] or "oppgave"
    extension = kind.extension if kind else ext.lower().lstrip(".")[:10]
    return f"{stem}.{extension}" if extension else stem


def check_upload(upload: Any) -> FileKind:
    """Validate size, emptiness and real content against the name; ValidationError keyed
    "file" with a Norwegian message otherwise."""
    max_bytes = int(settings.ASSIGNMENT_MAX_BYTES)
    size = getattr(upload, "size", None) or 0
    if size <= 0:
        raise ValidationError({"file": _("Filen er tom.")}, code="empty")
    if size > max_bytes:
        raise ValidationError({"file": too_large_message(max_bytes)}, code="too_large")
    claimed = KINDS.get(extension_of(getattr(upload, "name", "") or ""))
    detected = detect(upload)
    if claimed is None or detected is None or detected != claimed:
        raise ValidationError({"file": invalid_type_message()}, code="invalid_type")
    return detected
