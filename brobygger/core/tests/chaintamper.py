"""Tampering with the logs "behind the app's back", as someone with the owner's rights (or the
SQLite file) could: the append-only and chain triggers are stepped around for one statement.
Use inside a test with the `owner_db` fixture; the test's rollback undoes it all."""

from __future__ import annotations

from typing import Any

from django.db import connection

from brobygger.privacy import logtriggers


def behind_the_apps_back(table: str, sql: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Deferred foreign-key checks of this test's inserts would block the ALTER.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            cursor.execute(sql, params or [])
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            return
        for statement in logtriggers.chain_uninstall_statements("sqlite", [table]):
            cursor.execute(statement)
        for statement in logtriggers.uninstall_statements("sqlite", [table]):
            cursor.execute(statement)
        cursor.execute(sql, params or [])
        for statement in [
            *logtriggers.install_statements("sqlite", [table]),
            *logtriggers.chain_install_statements("sqlite", [table]),
        ]:
            cursor.execute(statement)
