"""Two PostgreSQL roles (ADR 0013): the owner, who runs `migrate` and owns the schema, and the
runtime role the app connects as, which owns nothing and may only SELECT and INSERT on the
audit trail and the read log.

`DATABASE_URL` is the runtime connection. With `DATABASE_MIGRATE_URL` set, `migrate` (and
`grant_runtime_role`) connect with that URL's user, password, host and port instead (the
database name stays the one in use, so the test databases work the same), then grant the
runtime role what it needs. Without it, DATABASE_URL's user does everything (development).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import dj_database_url
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

# Only SELECT and INSERT: the evidence tables (ADR 0008, 0013).
APPEND_ONLY_TABLES = ("core_auditevent", "accesslog_accessevent")
CREDENTIALS = ("USER", "PASSWORD", "HOST", "PORT")


def owner_settings() -> dict[str, object] | None:
    url = getattr(settings, "DATABASE_MIGRATE_URL", "")
    if not url:
        return None
    parsed = dj_database_url.parse(url)
    return {key: parsed.get(key) for key in CREDENTIALS if parsed.get(key) not in (None, "")}


@contextmanager
def as_owner(alias: str = "default") -> Iterator[str]:
    """Connect `alias` as the owner role (DATABASE_MIGRATE_URL) for the block. Yields the
    runtime role's name (the user the app connects as), or "" without DATABASE_MIGRATE_URL."""
    owner = owner_settings()
    connection = connections[alias]
    if owner is None or connection.vendor != "postgresql":
        yield ""
        return
    saved = {key: connection.settings_dict.get(key) for key in CREDENTIALS}
    connection.close()
    connection.settings_dict.update(owner)
    try:
        yield str(saved["USER"] or "")
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def _statements(schema: str, role: str) -> list[str]:
    statements = [
        f"GRANT USAGE ON SCHEMA {schema} TO {role}",
        f"REVOKE CREATE ON SCHEMA {schema} FROM {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}",
        f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {schema} FROM {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
        # Tables and sequences the owner creates later (the next migrate) follow by default;
        # the grant after every migrate then takes UPDATE and DELETE off the log tables again.
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {role}",
    ]
    for table in APPEND_ONLY_TABLES:
        statements += [
            f"REVOKE ALL ON {schema}.{table} FROM PUBLIC",
            f"REVOKE ALL ON {schema}.{table} FROM {role}",
            f"GRANT SELECT, INSERT ON {schema}.{table} TO {role}",
        ]
    return statements


def grant_runtime_role(connection: BaseDatabaseWrapper, role: str) -> list[str]:
    """Grant `role` the runtime privileges on the connection's schema (run as the owner).
    Refuses a role that is a superuser or owns anything there. Returns the statements run."""
    if connection.vendor != "postgresql":
        raise CommandError("Databaseroller finnes bare på PostgreSQL.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema(), current_user")
        schema, me = cursor.fetchone()
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
        row = cursor.fetchone()
        if row is None:
            raise CommandError(f"Rollen {role} finnes ikke (CREATE ROLE {role} LOGIN).")
        if row[0]:
            raise CommandError(f"Rollen {role} er superbruker: den kan alt, velg en annen.")
        if role == me:
            raise CommandError(f"Rollen {role} er den som eier skjemaet (migrate-rollen).")
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND pg_get_userbyid(c.relowner) = %s",
            [schema, role],
        )
        if cursor.fetchone()[0]:
            raise CommandError(
                f"Rollen {role} eier tabeller i {schema}; kjøretidsrollen skal ikke eie noe."
            )
        quote = connection.ops.quote_name
        statements = _statements(quote(schema), quote(role))
        for sql in statements:
            cursor.execute(sql)
    return statements
