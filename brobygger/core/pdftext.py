"""Text for ReportLab paragraphs, the one place every PDF escapes what users wrote.

ReportLab parses the text of a `Paragraph` as markup: `<a href=...>` makes a link, `<img
src=...>` opens a file from the server's disk, `&nbsp;` is an entity and a stray `<b` fails the
whole document. Text a user can write (names of people, programmes, cohorts, organisations)
therefore goes through `pdf_text` before it joins a paragraph, and `paragraph` is a paragraph of
plain text only. Plain strings in table cells and in `reportlab.graphics` are drawn as they are
and need no escaping.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph


def pdf_text(value: object) -> str:
    """`value` as text that ReportLab's paragraph parser shows literally."""
    return escape(str(value))


def paragraph(text: object, style: Any) -> Paragraph:
    """A paragraph showing `text` literally (no markup at all)."""
    return Paragraph(pdf_text(text), style)
