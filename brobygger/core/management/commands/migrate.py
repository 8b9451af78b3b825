"""`migrate` as the owner role (ADR 0013): with DATABASE_MIGRATE_URL set, Django's migrate runs
connected as that URL's user, then grants the runtime role (DATABASE_URL's user) its
privileges, so new tables follow. Without it, exactly Django's migrate."""

from __future__ import annotations

from typing import Any

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

from brobygger.core.dbroles import as_owner, grant_runtime_role


class Command(DjangoMigrate):
    def handle(self, *args: Any, **options: Any) -> None:
        alias = options["database"]
        with as_owner(alias) as runtime:
            super().handle(*args, **options)
            connection = connections[alias]
            if runtime and runtime != connection.settings_dict["USER"]:
                grant_runtime_role(connection, runtime)
                if options["verbosity"] >= 1:
                    self.stdout.write(f"Kjøretidsrollen {runtime} har fått rettighetene.")
