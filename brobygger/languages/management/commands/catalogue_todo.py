from typing import Any

import polib
from django.core.management.base import BaseCommand, CommandError

from brobygger.languages.catalogues import catalogue_for, is_translated


class Command(BaseCommand):
    help = "Write the entries of LANGUAGE's catalogue that have no translation yet to OUT."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("language")
        parser.add_argument("out")
        parser.add_argument("--domain", default="django")

    def handle(self, *args: Any, language: str, out: str, domain: str, **kw: Any) -> None:
        source = catalogue_for(language, domain)
        if source is None:
            raise CommandError(f"No {domain}.po for {language} in LOCALE_PATHS")
        catalogue = polib.pofile(str(source))
        todo = polib.POFile()
        todo.metadata = dict(catalogue.metadata)
        for entry in catalogue:
            if not entry.obsolete and not is_translated(entry):
                todo.append(entry)
        todo.save(out)
        self.stdout.write(f"{out}: {len(todo)} entries to translate")
