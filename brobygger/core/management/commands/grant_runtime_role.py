"""Grant the app's runtime database role its privileges (ADR 0013). Run as the owner role:
`migrate` does it by itself when DATABASE_MIGRATE_URL is set; run this after creating the
role, or with --role to name another one."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from brobygger.core.dbroles import as_owner, grant_runtime_role


class Command(BaseCommand):
    help = "Gir kjøretidsrollen rettighetene den trenger (bare SELECT og INSERT på loggene)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--role", default="", help="Rollen (standard: brukeren i DATABASE_URL)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        alias = options["database"]
        with as_owner(alias) as runtime:
            role = options["role"] or runtime
            if not role:
                raise CommandError("Oppgi --role, eller sett DATABASE_MIGRATE_URL for migrering.")
            grant_runtime_role(connections[alias], role)
        self.stdout.write(f"Rollen {role} har fått kjøretidsrettighetene.")
