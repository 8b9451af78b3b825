"""What an uploaded assignment really is, judged from its bytes, not only from its name.

Accepted: PDF, DOCX (Office Open XML word processing) and ODT (OpenDocument text). The name's
extension must agree with the detected content. Zip containers are judged by their central
directory (member names and declared sizes): the declared sizes together may not pass
`ASSIGNMENT_MAX_UNPACKED_BYTES`, so a zip bomb is refused before anything is read. Only two small
members are ever read, each with its declared size checked first and the read bounded: ODT's
`mimetype` and DOCX's `[Content_Types].xml`. (zipfile never inflates a member past its declared
size, so a lying header costs no more than an honest one.)

A DOCX may carry no macros. Part names in a package are case-insensitive (OPC, ISO/IEC 29500-2
§6.2.2.3), so every member is compared case-insensitively, and a VBA project is recognised both
by its usual part name (`word/vbaProject.bin`, in any case and folder) and by its content type
in `[Content_Types].xml`, whatever part it is given to.
"""

from __future__ import annotations

import os
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO, Any
from xml.parsers import expat

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
# `[Content_Types].xml` is a few kB in real documents.
MAX_CONTENT_TYPES_BYTES = 512 * 1024
DOCX_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Content types (lower case) of VBA projects, their data and signatures, and of the main part of
# a macro-enabled document or template (.docm/.dotm renamed .docx).
MACRO_TYPE_MARKERS = ("vbaproject", "vbadata", "macroenabled")
MACRO_PART_NAMES = ("vbaproject.bin", "vbadata.xml", "vbaprojectsignature.bin")


class Refused(Exception):
    """A zip container refused for a reason worth telling the user (not just "wrong type")."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def invalid_type_message() -> str:
    return _(
        "Filen er ikke en gyldig PDF-, DOCX- eller ODT-fil. Innholdet stemmer ikke med filnavnet."
    )


def too_large_message(max_bytes: int) -> str:
    return _("Filen er for stor (maks %(size)s).") % {"size": human_size(max_bytes)}


def max_unpacked_bytes() -> int:
    return int(settings.ASSIGNMENT_MAX_UNPACKED_BYTES)


def unpacked_too_large_message(max_bytes: int) -> str:
    return _(
        "Filen blir for stor når den pakkes ut (maks %(size)s). Lagre dokumentet på nytt, "
        "gjerne med mindre bilder, og prøv igjen."
    ) % {"size": human_size(max_bytes)}


def macros_message() -> str:
    return _(
        "Dokumentet inneholder makroer, og det kan vi ikke ta imot. Lagre det som et vanlig "
        "Word-dokument (.docx) uten makroer og prøv igjen."
    )


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        mb = size / (1024 * 1024)
        return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB".replace(".", ",")
    if size >= 1024:
        return f"{size // 1024} kB"
    return f"{size} B"


def _rewind(fileobj: IO[bytes]) -> None:
    fileobj.seek(0)


def _members_by_name(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo] | None:
    """Members by lower-case name; None if two names differ only in case (ambiguous parts)."""
    members: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        key = info.filename.lower()
        if key in members:
            return None
        members[key] = info
    return members


def _content_types(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> list[str] | None:
    """Every content type `[Content_Types].xml` declares, in lower case; None if it is too big,
    not XML or has a DOCTYPE (no entities, so no entity expansion)."""
    if info.file_size > MAX_CONTENT_TYPES_BYTES:
        return None
    with archive.open(info) as handle:
        data = handle.read(MAX_CONTENT_TYPES_BYTES + 1)
    if len(data) > MAX_CONTENT_TYPES_BYTES:
        return None
    found: list[str] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        for attribute, value in attributes.items():
            if attribute.rsplit(":", 1)[-1] == "ContentType":
                found.append(value.strip().lower())

    def doctype(*args: object) -> None:
        raise ValueError("DOCTYPE in [Content_Types].xml")

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, ValueError):
        return None
    return found


def _docx(archive: zipfile.ZipFile) -> bool:
    members = _members_by_name(archive)
    if members is None:
        return False
    types_part = members.get("[content_types].xml")
    if types_part is None or "word/document.xml" not in members:
        return False
    # A macro-enabled document (.docm) renamed to .docx carries a VBA project: refuse it, found
    # by any part's name or by a content type given to any part.
    if any(name.rsplit("/", 1)[-1] in MACRO_PART_NAMES for name in members):
        raise Refused("macros", macros_message())
    content_types = _content_types(archive, types_part)
    if content_types is None:
        return False
    if any(marker in ct for ct in content_types for marker in MACRO_TYPE_MARKERS):
        raise Refused("macros", macros_message())
    return DOCX_MAIN_TYPE in content_types


def _odt(archive: zipfile.ZipFile) -> bool:
    members = archive.infolist()
    first = members[0] if members else None
    if first is None or first.filename != "mimetype" or first.file_size > 100:
        return False
    with archive.open(first) as handle:
        return handle.read(101).strip() == ODT.content_type.encode()


def _inspect_zip(fileobj: IO[bytes]) -> FileKind | None:
    """DOCX, ODT or None; raises Refused for a zip bomb or a DOCX with macros."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                return None
            # Declared sizes, summed before anything is read (zipfile inflates no further).
            limit = max_unpacked_bytes()
            if sum(info.file_size for info in members) > limit:
                raise Refused("unpacked_too_large", unpacked_too_large_message(limit))
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
    try:
        return inspect(fileobj)
    except Refused:
        return None


def inspect(fileobj: IO[bytes]) -> FileKind | None:
    """Like `detect`, but a zip bomb or a DOCX with macros raises Refused with its message."""
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
    try:
        detected = inspect(upload)
    except Refused as refused:
        error = ValidationError(refused.message, code=refused.code)
        raise ValidationError({"file": error}) from None
    if claimed is None or detected is None or detected != claimed:
        raise ValidationError({"file": invalid_type_message()}, code="invalid_type")
    return detected
