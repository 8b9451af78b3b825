"""Finds user-facing text written outside gettext, in templates and in Python (issue 14).

Templates: every text node and every aria-label, title, placeholder and alt value left after
the template tags are taken out must hold no words. Python: a string or f-string that reads as
a Norwegian sentence must sit inside a gettext call. Both are heuristics tuned to this code
base; `ALLOWED` lists the words that are the same in every language.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {
    "tests",
    "testing",  # the tests' helpers (brobygger/testing/, ADR 0024)
    "migrations",
    "management",
    "demo",
    "seed",
    "static",
    "locale",
    "__pycache__",
}
# Modules whose sentences are not the interface: demo content, test helpers, settings' start-up
# errors, the database-role check run from the command line, the nightly chain check's findings
# (a stored record, written by a job in the service's language), the synthetic import files
# (imports/synthetic.py: spreadsheet content, in the bokmål the import reads) and this scanner's
# own patterns.
SKIPPED_FILES = {
    "demo.py",
    "synthetic.py",
    "testing.py",
    "settings.py",
    "dbroles.py",
    "verify.py",
    "coverage.py",
    "catalogues.py",
}
# Names and symbols that are the same in bokmål, nynorsk and English.
ALLOWED = {
    "Brobygger",
    "NAV",
    "ID-porten",
    "Entra",
    "ID",
    "Altinn",
    "MB",
    "AAP",
    "PDF",
    "CSV",
    "XLSX",
    "iCalendar",
    "Designsystemet",
    "Digdir",
    "Uutilsynet",
    "WCAG",
    "OK",
    "Excel",
}
WORD = re.compile(r"[A-Za-zÆØÅæøåÉé][A-Za-zÆØÅæøåÉé\-]+")
RAW_TAGS = ("script", "style", "code")
TEXT_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "aria-description"}
GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "gettext_noop",
}
NORWEGIAN = re.compile(
    r"[æøåÆØÅ]|\b(er|og|ikke|ikkje|kan|må|på|med|som|har|du|skal|eller|fra|frå|ei|ein|eit)\b"
)


def _files(suffix: str) -> Iterator[Path]:
    for path in sorted(ROOT.rglob(f"*{suffix}")):
        parts = path.relative_to(ROOT).parts
        if not SKIPPED_DIRS.intersection(parts[:-1]) and parts[-1] not in SKIPPED_FILES:
            yield path


def _words(text: str) -> list[str]:
    return [w for w in WORD.findall(text) if w not in ALLOWED]


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._raw = 0  # inside <script>, <style> or <code> (a value to type, not a text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in RAW_TAGS:
            self._raw += 1
        for name, value in attrs:
            if name in TEXT_ATTRIBUTES and value and _words(value):
                self.found.append(f'{name}="{value.strip()}"')

    def handle_endtag(self, tag: str) -> None:
        if tag in RAW_TAGS:
            self._raw = max(0, self._raw - 1)

    def handle_data(self, data: str) -> None:
        if not self._raw and _words(data):
            self.found.append(data.strip()[:80])


def template_text(source: str) -> list[str]:
    """The words a template shows outside {% translate %} and {% blocktranslate %}."""
    kept: list[str] = []
    skipping: str | None = None
    for token in Lexer(source).tokenize():
        content = token.contents.split(" ", 1)[0] if token.token_type == TokenType.BLOCK else ""
        if skipping:
            if content == skipping:
                skipping = None
            continue
        if content in ("comment", "blocktranslate", "blocktrans"):
            skipping = "end" + content
            kept.append(" ")
        elif token.token_type == TokenType.TEXT:
            kept.append(token.contents)
        else:
            kept.append(" ")  # a variable or tag: its text is the code's, not the page's
    collector = _TextCollector()
    collector.feed("".join(kept))
    return collector.found


def untranslated_in_templates() -> list[str]:
    return [
        f"{path.relative_to(ROOT)}: {text}"
        for path in _files(".html")
        for text in template_text(path.read_text())
    ]


def _reads_as_sentence(text: str) -> bool:
    return len(_words(text)) >= 2 and bool(NORWEGIAN.search(text))


def python_text(source: str) -> list[tuple[int, str]]:
    """Norwegian sentences in a module that are not the argument of a gettext call."""
    tree = ast.parse(source)
    inside_gettext: set[int] = set()
    docstrings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if (
                name in GETTEXT
                or name in {"debug", "info", "warning", "exception", "error"}
                and (
                    isinstance(node.func, ast.Attribute)
                    and getattr(node.func.value, "id", "") in ("logger", "log", "logging")
                )
            ):
                inside_gettext.update(id(n) for arg in node.args for n in ast.walk(arg))
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        # The OpenAPI document's descriptions are written once, for developers, in bokmål
        # (ADR 0019); its problem details, which people read, go through gettext.
        if isinstance(node, ast.keyword) and node.arg in ("description", "summary"):
            inside_gettext.update(id(n) for n in ast.walk(node.value))
    found = []
    for node in ast.walk(tree):
        if id(node) in inside_gettext or id(node) in docstrings:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
            for part in node.values:  # the parts of an f-string are checked as a whole
                inside_gettext.add(id(part))
        else:
            continue
        if _reads_as_sentence(text):
            found.append((node.lineno, text[:80]))
    return found


def untranslated_in_python() -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in _files(".py")
        for line, text in python_text(path.read_text())
    ]
