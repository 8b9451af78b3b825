"""Markup a user might type into a name, and checks that a PDF shows it as text (core.pdftext)."""

from __future__ import annotations

import io

from pypdf import PdfReader

# Each was an attack on ReportLab's paragraph markup: a link in the official document, a 500 for
# everyone, a file opened from the server's disk, entities turned into other characters.
MARKUP_PAYLOADS = [
    '<a href="https://angriper.example/">Klikk her</a>',
    "<b",
    '<img src="/etc/hostname"/>',
    "&nbsp;&lt;i&gt; & <font color=red>rød</font>",
    "<br/>ny linje<para>",
]


def shown(payload: str) -> str:
    """What the PDF must show: the payload, runs of spaces as one."""
    return " ".join(payload.split())


def pdf_words(content: bytes) -> str:
    """All text of the PDF with runs of whitespace (line breaks too) as one space."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def link_annotations(content: bytes) -> list[object]:
    reader = PdfReader(io.BytesIO(content))
    found: list[object] = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            found.append(annotation.get_object())
    return found


def image_count(content: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(content)).pages)


def assert_shows_literally(content: bytes, payload: str) -> None:
    """The payload is printed as typed; no link and no image came of it."""
    assert shown(payload) in pdf_words(content)
    assert link_annotations(content) == []
    assert image_count(content) == 0
