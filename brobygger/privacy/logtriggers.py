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

The hash chain (core/chain.py, ADR 0013) is linked by an insert trigger on both databases:
`chain_install_statements`, installed by privacy/migrations/0004_log_hash_chain.py.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

LOG_TABLES = ("core_auditevent", "accesslog_accessevent")
MIGRATION = ("privacy", "0003_append_only_triggers")
CHAIN_MIGRATION = ("privacy", "0004_log_hash_chain")
PG_FUNCTION = "brobygger_refuse_log_change"
PG_CHAIN_FUNCTION = "brobygger_chain_log_row"
SQLITE_FLUSH_FUNCTION = "brobygger_log_flush_allowed"
SQLITE_LINK_FUNCTION = "brobygger_chain_link"
# One transaction-scoped advisory lock for both chains (ADR 0013): inserts into a chain are
# serialised, and a transaction writing to both logs cannot deadlock on two locks.
PG_CHAIN_LOCK = "hashtextextended('brobygger_log_chain', 0)"

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


def _pg_chain_install(tables: Iterable[str]) -> list[str]:
    # Each statement of a (volatile) PL/pgSQL function takes a fresh snapshot, so the SELECT
    # after the lock sees the row the previous lock holder committed. (Table names here and
    # below are the fixed LOG_TABLES, never input: hence the S608 exemptions.)
    statements = [
        f"""CREATE OR REPLACE FUNCTION {PG_CHAIN_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock({PG_CHAIN_LOCK});
  EXECUTE format(
    'SELECT chain_seq, row_hash FROM %I.%I WHERE chain_seq IS NOT NULL '
    'ORDER BY chain_seq DESC LIMIT 1', TG_TABLE_SCHEMA, TG_TABLE_NAME)
    INTO last_seq, last_hash;
  NEW.chain_seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, '');
  NEW.row_hash := encode(sha256(convert_to(NEW.prev_hash || NEW.digest, 'UTF8')), 'hex');
  RETURN NEW;
END;
$$"""  # noqa: S608
    ]
    for table in tables:
        statements.append(
            f"CREATE OR REPLACE TRIGGER {table}_chain BEFORE INSERT ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {PG_CHAIN_FUNCTION}()"
        )
    return statements


def _pg_chain_uninstall(tables: Iterable[str]) -> list[str]:
    statements = [f"DROP TRIGGER IF EXISTS {table}_chain ON {table}" for table in tables]
    return [*statements, f"DROP FUNCTION IF EXISTS {PG_CHAIN_FUNCTION}()"]


def _sqlite_chain_install(tables: Iterable[str]) -> list[str]:
    # SQLite cannot change NEW in a BEFORE trigger: an AFTER INSERT trigger fills the chain
    # columns of the new row, so the update trigger lets through an update of a row not yet in
    # the chain (chain_seq NULL) and refuses every other. Writes are serialised by SQLite
    # (IMMEDIATE transactions), so no lock is needed.
    statements = []
    for table in tables:
        last = f"(SELECT max(chain_seq) FROM {table})"  # noqa: S608
        last_hash = f"coalesce((SELECT row_hash FROM {table} WHERE chain_seq = {last}), '')"  # noqa: S608
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_no_update",
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"WHEN OLD.chain_seq IS NOT NULL "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: UPDATE refused'); END",
            f"CREATE TRIGGER IF NOT EXISTS {table}_chain AFTER INSERT ON {table} BEGIN "  # noqa: S608
            f"UPDATE {table} SET chain_seq = coalesce({last}, 0) + 1, prev_hash = {last_hash}, "
            f"row_hash = {SQLITE_LINK_FUNCTION}({last_hash}, NEW.digest) "
            f"WHERE id = NEW.id; END",
        ]
    return statements


def _sqlite_chain_uninstall(tables: Iterable[str]) -> list[str]:
    statements = []
    for table in tables:
        statements += [f"DROP TRIGGER IF EXISTS {table}_chain", *_sqlite_uninstall([table])]
    return [*statements, *_sqlite_install(tables)]


def chain_install_statements(vendor: str, tables: Iterable[str] = LOG_TABLES) -> list[str]:
    """The triggers that link each new row into its table's hash chain (core/chain.py)."""
    if vendor == "postgresql":
        return _pg_chain_install(tables)
    if vendor == "sqlite":
        return _sqlite_chain_install(tables)
    raise NotImplementedError(f"No hash chain triggers for {vendor}.")


def chain_uninstall_statements(vendor: str, tables: Iterable[str] = LOG_TABLES) -> list[str]:
    if vendor == "postgresql":
        return _pg_chain_uninstall(tables)
    if vendor == "sqlite":
        return _sqlite_chain_uninstall(tables)
    raise NotImplementedError(f"No hash chain triggers for {vendor}.")


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
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
                "AND (tgname LIKE %s OR tgname LIKE %s)",
                ["%_append_only", "%_chain"],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                "(name LIKE '%_no_update' OR name LIKE '%_no_delete' OR name LIKE '%_chain')"
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
    if not recorder.has_table():
        return
    applied = set(recorder.migration_qs.values_list("app", "name"))
    if MIGRATION not in applied:
        return
    existing = set(connection.introspection.table_names())
    tables = [table for table in LOG_TABLES if table in existing]
    statements = install_statements(connection.vendor, tables)
    wanted = {f"{table}_append_only" for table in tables}
    if CHAIN_MIGRATION in applied:
        statements += chain_install_statements(connection.vendor, tables)
        wanted |= {f"{table}_chain" for table in tables}
    if connection.vendor == "postgresql" and wanted <= installed_triggers(connection):
        # PostgreSQL never loses them; and the app's runtime role (a flush's post_migrate)
        # may not run DDL (ADR 0013).
        return
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def register_sqlite_function(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """connection_created: the function the SQLite delete trigger asks, and the one the chain
    trigger links a new row with."""
    if connection.vendor == "sqlite":
        from brobygger.core.chain import link_hash

        connection.connection.create_function(  # type: ignore[attr-defined]
            SQLITE_FLUSH_FUNCTION, 0, lambda: int(_flushing.get())
        )
        connection.connection.create_function(  # type: ignore[attr-defined]
            SQLITE_LINK_FUNCTION, 2, link_hash, deterministic=True
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
