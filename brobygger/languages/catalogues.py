"""The translation catalogues in LOCALE_PATHS: where they are, and compiling them with polib.

The compiled .mo files are committed beside the .po files, so a fresh machine needs no gettext
tools; `manage.py compile_catalogues` writes them and a test checks they match (ADR 0019).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import polib
from django.conf import settings

TRANSLATED = ("nn", "en")  # bokmål is the source language: its msgids are the text
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def po_files() -> Iterator[Path]:
    for root in settings.LOCALE_PATHS:
        yield from sorted(Path(root).glob("*/LC_MESSAGES/*.po"))


def catalogue_for(language: str, domain: str = "django") -> Path | None:
    """The project's own catalogue for `language` (the first LOCALE_PATHS entry that has one;
    allauth's nynorsk comes second)."""
    return next(
        (p for p in po_files() if p.parent.parent.name == language and p.stem == domain), None
    )


def is_translated(entry: polib.POEntry) -> bool:
    """Every form has a text, and none is a fuzzy guess."""
    strings = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    return "fuzzy" not in entry.flags and bool(strings) and all(s.strip() for s in strings)


def compiled(po_path: Path) -> bytes:
    """The .mo bytes for a .po file, as polib writes them."""
    catalogue = polib.pofile(str(po_path))
    mo = po_path.with_suffix(".mo.tmp")
    try:
        catalogue.save_as_mofile(str(mo))
        return mo.read_bytes()
    finally:
        mo.unlink(missing_ok=True)


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def problems(po_path: Path) -> list[str]:
    """Entries without a translation, marked fuzzy, or with other placeholders than the msgid."""
    found = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete:
            continue
        where = f"{po_path.parent.parent.name}: {entry.msgid[:70]!r}"
        if not is_translated(entry):
            found.append(f"{where} is not translated")
            continue
        strings = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if entry.msgid_plural:
            # A singular may leave the count out ("Eitt kull"), never bring in a new name.
            allowed = set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural))
            wrong = any(not set(placeholders(s)) <= allowed for s in strings)
        else:
            wrong = placeholders(strings[0]) != placeholders(entry.msgid)
        if wrong:
            found.append(f"{where} has other placeholders in the translation")
    return found
