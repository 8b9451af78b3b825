"""Page bodies are plain text with a very small markup, rendered here with everything escaped.

    ## Heading            -> <h2>
    - item / * item       -> <ul><li>  (consecutive lines)
    1. item               -> <ol><li>  (consecutive lines)
    blank line            -> ends a paragraph; single line breaks inside one become <br>

Nothing else is interpreted, so no markup from an editor can reach the page. Links are not
supported on purpose: the resource library holds links.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_HEADING = re.compile(r"^##\s+(.*)$")


def _paragraph(lines: list[str]) -> str:
    text = "<br>".join(escape(line.strip()) for line in lines)
    return f'<p class="ds-paragraph">{text}</p>'


def _list(tag: str, items: list[str]) -> str:
    inner = "".join(f"<li>{escape(item.strip())}</li>" for item in items)
    return f'<{tag} class="ds-list">{inner}</{tag}>'


def render_body(text: str) -> SafeString:
    html: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def flush() -> None:
        nonlocal list_tag
        if paragraph:
            html.append(_paragraph(paragraph))
            paragraph.clear()
        if items:
            html.append(_list(list_tag, items))
            items.clear()
        list_tag = ""

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        if not line.strip():
            flush()
        elif heading:
            flush()
            html.append(f'<h2 class="ds-heading" data-size="sm">{escape(heading[1].strip())}</h2>')
        elif bullet or numbered:
            tag = "ul" if bullet else "ol"
            if paragraph or (list_tag and list_tag != tag):
                flush()
            list_tag = tag
            items.append((bullet or numbered)[1])  # type: ignore[index]
        elif items:
            # A line under a list item continues it (a wrapped line in the editor).
            items[-1] = f"{items[-1]} {line.strip()}"
        else:
            paragraph.append(line)
    flush()
    return mark_safe("\n".join(html))  # noqa: S308 - every piece of text above is escaped
