from typing import Any

from django.core.management.base import BaseCommand

from brobygger.languages.catalogues import compiled, po_files


class Command(BaseCommand):
    help = "Compile every .po file in LOCALE_PATHS to its .mo file (no gettext tools needed)."

    def handle(self, *args: Any, **options: Any) -> None:
        for po in po_files():
            mo = po.with_suffix(".mo")
            data = compiled(po)
            if not mo.exists() or mo.read_bytes() != data:
                mo.write_bytes(data)
                self.stdout.write(f"{mo}")
