"""What a screen reader gets from a PDF: the structure tree, `/Lang`, the title, alt texts.

Shared by the diploma's and the annual report's tests (could join `core/tests/pdfcheck.py`)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader

from brobygger.core.tests.pdfcheck import image_count, link_annotations, pdf_words


@dataclass
class Structure:
    marked: bool
    lang: str | None
    title: str | None
    display_title: bool
    tags: list[str] = field(default_factory=list)  # structure elements, in reading order
    alts: list[str] = field(default_factory=list)


def structure(content: bytes) -> Structure:
    reader = PdfReader(io.BytesIO(content))
    root: Any = reader.trailer["/Root"]
    mark_info: Any = root.get("/MarkInfo") or {}
    prefs: Any = root.get("/ViewerPreferences") or {}
    found = Structure(
        marked=bool(mark_info.get("/Marked")),
        lang=str(root["/Lang"]) if "/Lang" in root else None,
        title=reader.metadata.title if reader.metadata else None,
        display_title=bool(prefs.get("/DisplayDocTitle")),
    )
    if "/StructTreeRoot" in root:
        _walk(root["/StructTreeRoot"].get_object(), found)
    return found


def _walk(node: Any, found: Structure) -> None:
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if not hasattr(kid, "get") or "/S" not in kid:
            continue  # a marked-content reference: the content itself
        found.tags.append(str(kid["/S"]))
        if "/Alt" in kid:
            found.alts.append(str(kid["/Alt"]))
        _walk(kid, found)


def assert_printed_as_text(content: bytes, text: str) -> None:
    """`text` is printed as typed (line breaks may fall anywhere, even after a "/": whitespace
    is not compared); no link and no image came of it."""
    assert "".join(text.split()) in "".join(pdf_words(content).split())
    assert link_annotations(content) == []
    assert image_count(content) == 0


def embedded_fonts(content: bytes) -> set[str]:
    """Base names of the fonts whose files are embedded in the PDF (subset prefix dropped)."""
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        resources: Any = page["/Resources"]
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts") or [font]
            for part in descendants:
                descriptor = part.get_object().get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor else {}
                if any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(font["/BaseFont"]).split("+")[-1])
    return names
