"""Database triggers that make the audit trail and the read log append-only (ADR 0008).

PostgreSQL: a BEFORE UPDATE OR DELETE row trigger raises `restrict_violation`. TRUNCATE is a
separate statement and fires no row trigger, so a test flush and a DROP DATABASE still work.

SQLite (development and tests): BEFORE UPDATE and BEFORE DELETE triggers call RAISE(ABORT).
SQLite has no TRUNCATE: Django's flush (used after each transactional test and by `manage.py
flush`) runs DELETE FROM on every table. The delete trigger therefore asks the function
`brobygger_log_flush_allowed()`, which this app registers on each connection and which is true
only while Django's flush runs. A connection without the function (the sqlite3 shell) cannot
delete at all. Both refusals reach Python as django.db.IntegrityError.

SQLite drops a table's triggers when Django's schema editor rebuilds the table (some ALTERs do),
so `ensure_triggers` runs after every migrate and puts them back if the migration is applied.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

LOG_TABLES = ("core_auditevent", "accesslog_accessevent")
MIGRATION = ("privacy", "0003_append_only_triggers")
PG_FUNCTION = "brobygger_refuse_log_change"
SQLITE_FLUSH_FUNCTION = "brobygger_log_flush_allowed"

_flushing: contextvars.ContextVar[bool] = contextvars.ContextVar("log_flush", default=False)


def _pg_install(tables: Iterable[str]) -> list[str]:
    statements = [
        f"""CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$"""
    ]
    for table in tables:
        statements.append(
            f"CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()"
        )
    return statements


def _pg_uninstall(tables: Iterable[str]) -> list[str]:
    statements = [f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}" for table in tables]
    return [*statements, f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()"]


def _sqlite_install(tables: Iterable[str]) -> list[str]:
    statements = []
    for table in tables:
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: UPDATE refused'); END"
        )
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} "
            f"WHEN NOT {SQLITE_FLUSH_FUNCTION}() "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: DELETE refused'); END"
        )
    return statements


def _sqlite_uninstall(tables: Iterable[str]) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_{suffix}"
        for table in tables
        for suffix in ("no_update", "no_delete")
    ]


def install_statements(vendor: str, tables: Iterable[str] = LOG_TABLES) -> list[str]:
    if vendor == "postgresql":
        return _pg_install(tables)
    if vendor == "sqlite":
        return _sqlite_install(tables)
    raise NotImplementedError(f"No append-only triggers for {vendor}.")


def uninstall_statements(vendor: str, tables: Iterable[str] = LOG_TABLES) -> list[str]:
    if vendor == "postgresql":
        return _pg_uninstall(tables)
    if vendor == "sqlite":
        return _sqlite_uninstall(tables)
    raise NotImplementedError(f"No append-only triggers for {vendor}.")


def installed_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    """Names of the append-only triggers present in the database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE %s",
                ["%_append_only"],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                "(name LIKE '%_no_update' OR name LIKE '%_no_delete')"
            )
        return {row[0] for row in cursor.fetchall()}


def ensure_triggers(*, using: str = "default", **kwargs: Any) -> None:
    """post_migrate: put the triggers back if the migration is applied (SQLite table rebuilds
    drop them). Idempotent."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        return
    recorder = MigrationRecorder(connection)
    if (
        not recorder.has_table()
        or not recorder.migration_qs.filter(app=MIGRATION[0], name=MIGRATION[1]).exists()
    ):
        return
    existing = set(connection.introspection.table_names())
    tables = [table for table in LOG_TABLES if table in existing]
    with connection.cursor() as cursor:
        for sql in install_statements(connection.vendor, tables):
            cursor.execute(sql)


def register_sqlite_function(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """connection_created: the function the SQLite delete trigger asks."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(  # type: ignore[attr-defined]
            SQLITE_FLUSH_FUNCTION, 0, lambda: int(_flushing.get())
        )


def let_django_flush_through() -> None:
    """Wrap SQLite's execute_sql_flush (Django's flush: DELETE FROM every table) so the delete
    trigger lets it through. PostgreSQL flushes with TRUNCATE, which the triggers never see."""
    from django.db import connections

    for alias in connections:
        connection = connections[alias]  # not connected yet: only the backend is loaded
        if connection.vendor == "sqlite":
            _wrap_flush(type(connection.ops))


def _wrap_flush(operations: type) -> None:
    original = operations.execute_sql_flush  # type: ignore[attr-defined]
    if getattr(original, "brobygger_wrapped", False):
        return

    def execute_sql_flush(self: Any, sql_list: list[str]) -> None:
        token = _flushing.set(True)
        try:
            original(self, sql_list)
        finally:
            _flushing.reset(token)

    execute_sql_flush.brobygger_wrapped = True  # type: ignore[attr-defined]
    operations.execute_sql_flush = execute_sql_flush  # type: ignore[attr-defined]
