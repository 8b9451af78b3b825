"""The PostgreSQL suite runs as the runtime role (ADR 0013), as the app does in production.

With DATABASE_URL (the runtime role) and DATABASE_MIGRATE_URL (the owner) both set, as
`.ci/run` sets them: the test databases are created and migrated as the owner, the runtime
role is granted its privileges, and then every test connects as the runtime role. Two things
in the tests need the owner, as they would in production:
- the flush after a transactional test (TRUNCATE, which the runtime role may not run on the
  logs) goes over a separate owner connection;
- tests that tamper with the logs "behind the app's back" ask for the `owner_db` fixture
  instead of `db`: the test runs connected as the owner.
Without DATABASE_MIGRATE_URL (SQLite, or one PostgreSQL user) all of this does nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

CREDENTIALS = ("USER", "PASSWORD", "HOST", "PORT")
STATE: dict[str, Any] = {"active": False, "owner": None, "runtime": None}


def runtime_role_active() -> bool:
    """True while the tests connect as the runtime role (not the owner)."""
    return bool(STATE["active"])


def _connection() -> Any:
    from django.db import connection

    return connection


def _use(credentials: dict[str, Any]) -> None:
    connection = _connection()
    connection.close()
    connection.settings_dict.update(credentials)


def _wanted() -> bool:
    from brobygger.core.dbroles import owner_settings

    connection = _connection()
    owner = owner_settings()
    return (
        connection.vendor == "postgresql"
        and owner is not None
        and owner.get("USER") != connection.settings_dict.get("USER")
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Before the test databases are created: connect as the owner."""
    if not _wanted():
        return
    from brobygger.core.dbroles import owner_settings

    connection = _connection()
    STATE["runtime"] = {key: connection.settings_dict.get(key) for key in CREDENTIALS}
    STATE["owner"] = {**STATE["runtime"], **(owner_settings() or {})}
    _use(STATE["owner"])


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """After the owner created and migrated the test database: grant, then run as runtime."""
    if STATE["owner"] is None:
        yield
        return
    from brobygger.core.dbroles import grant_runtime_role

    with django_db_blocker.unblock():
        grant_runtime_role(_connection(), STATE["runtime"]["USER"])
    _use(STATE["runtime"])
    STATE["active"] = True
    _route_flush_through_owner()
    yield
    STATE["active"] = False
    _use(STATE["owner"])  # pytest-django drops the test database as the owner


def _owner_connect() -> Any:
    import psycopg

    settings = _connection().settings_dict
    owner = STATE["owner"]
    return psycopg.connect(
        dbname=settings["NAME"],
        user=owner["USER"],
        password=owner.get("PASSWORD") or None,
        host=owner.get("HOST") or None,
        port=owner.get("PORT") or None,
        options="-c lock_timeout=30s",
    )


def _route_flush_through_owner() -> None:
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.execute_sql_flush
    if getattr(original, "brobygger_owner_flush", False):
        return

    def execute_sql_flush(self: Any, sql_list: list[str]) -> None:
        if not runtime_role_active():
            return original(self, sql_list)
        with _owner_connect() as owner, owner.cursor() as cursor:
            for sql in sql_list:
                cursor.execute(sql)
        return None

    execute_sql_flush.brobygger_owner_flush = True  # type: ignore[attr-defined]
    DatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign,assignment]


@pytest.fixture
def owner_db(request: pytest.FixtureRequest, django_db_setup: None) -> Iterator[None]:
    """Like `db`, but connected as the owner role when the suite runs as the runtime role (on
    SQLite or with one PostgreSQL user, just `db`). Do not mark such a test `django_db`."""
    switched = runtime_role_active()
    if switched:
        _use(STATE["owner"])
        STATE["active"] = False
    request.getfixturevalue("db")
    yield
    if switched:
        # `db` rolled back before this teardown runs (it was set up after this fixture).
        _use(STATE["runtime"])
        STATE["active"] = True
