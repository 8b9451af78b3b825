from typing import Any

import polib
from django.core.management.base import BaseCommand, CommandError

from brobygger.languages.catalogues import po_files


class Command(BaseCommand):
    help = "Write the entries of LANGUAGE's catalogue that have no translation yet to OUT."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("language")
        parser.add_argument("out")
        parser.add_argument("--domain", default="django")

    def handle(self, *args: Any, language: str, out: str, domain: str, **kw: Any) -> None:
        source = next(
            (p for p in po_files() if p.parent.parent.name == language and p.stem == domain),
            None,
        )
        if source is None:
            raise CommandError(f"No {domain}.po for {language} in LOCALE_PATHS")
        catalogue = polib.pofile(str(source))
        todo = polib.POFile()
        todo.metadata = dict(catalogue.metadata)
        for entry in catalogue:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags or not (
                entry.msgstr or all(entry.msgstr_plural.values()) and entry.msgstr_plural
            ):
                todo.append(entry)
        todo.save(out)
        self.stdout.write(f"{out}: {len(todo)} entries to translate")
