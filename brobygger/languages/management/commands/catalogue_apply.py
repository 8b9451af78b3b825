from typing import Any

import polib
from django.core.management.base import BaseCommand, CommandError

from brobygger.languages.catalogues import catalogue_for


class Command(BaseCommand):
    help = (
        "Copy the translations in the given .po files (e.g. a translator's chunk, see "
        "docs/i18n.md) into the project's catalogue for LANGUAGE, matched by msgctxt and msgid."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("language")
        parser.add_argument("files", nargs="+")
        parser.add_argument("--domain", default="django")

    def handle(self, *args: Any, language: str, files: list[str], domain: str, **kw: Any) -> None:
        target_path = catalogue_for(language, domain)
        if target_path is None:
            raise CommandError(f"No {domain}.po for {language} in LOCALE_PATHS")
        catalogue = polib.pofile(str(target_path))
        by_key = {(e.msgctxt, e.msgid): e for e in catalogue}
        applied = unknown = 0
        for name in files:
            for entry in polib.pofile(name):
                target = by_key.get((entry.msgctxt, entry.msgid))
                if target is None or not (entry.msgstr or any(entry.msgstr_plural.values())):
                    unknown += target is None
                    continue
                target.msgstr = entry.msgstr
                target.msgstr_plural = dict(entry.msgstr_plural)
                if "fuzzy" in target.flags:
                    target.flags.remove("fuzzy")
                applied += 1
        catalogue.save(str(target_path))
        self.stdout.write(f"{target_path}: {applied} applied, {unknown} not in the catalogue")
