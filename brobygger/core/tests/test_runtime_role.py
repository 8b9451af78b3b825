"""The app's PostgreSQL runtime role cannot rewrite the audit trail or the read log (ADR 0013):
UPDATE, DELETE, TRUNCATE, ALTER TABLE ... DISABLE TRIGGER, DROP TRIGGER and
SET session_replication_role are all refused, while INSERT and SELECT work. `.ci/run` runs the
PostgreSQL suite as that role (DATABASE_URL) with the owner in DATABASE_MIGRATE_URL."""

import os
from typing import Any

import pytest
from django.db import ProgrammingError, connection, transaction

from brobygger.core.dbroles import APPEND_ONLY_TABLES
from brobygger.core.tests.dbroles import runtime_role_active
from brobygger.privacy.tests.helpers import make_log_rows

INSUFFICIENT_PRIVILEGE = "42501"


@pytest.fixture(autouse=True)
def _as_the_runtime_role(db):
    if connection.vendor != "postgresql":
        pytest.skip("database roles exist on PostgreSQL only; SQLite has no roles")
    if not runtime_role_active():
        if os.environ.get("BROBYGGER_REQUIRE_RUNTIME_ROLE"):
            pytest.fail("the suite should run as the runtime role (DATABASE_MIGRATE_URL unset?)")
        pytest.skip("runs with DATABASE_URL = the runtime role and DATABASE_MIGRATE_URL = owner")


def refused(sql, params=()):
    """Run `sql` in a savepoint; return the SQLSTATE it was refused with."""
    with pytest.raises(ProgrammingError) as caught, transaction.atomic(), connection.cursor() as c:
        c.execute(sql, params)
    cause: Any = caught.value.__cause__  # the psycopg error
    return cause.sqlstate


def test_the_runtime_role_owns_nothing_and_is_no_superuser():
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == (False, False)
        cursor.execute(
            "SELECT count(*) FROM pg_class WHERE relowner = "
            "(SELECT oid FROM pg_roles WHERE rolname = current_user)"
        )
        assert cursor.fetchone()[0] == 0


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_insert_and_select_work(table):
    make_log_rows()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        assert cursor.fetchone()[0] == 1


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE {table} SET request_id = 'forged'",
        "DELETE FROM {table}",
        "TRUNCATE {table}",
        "ALTER TABLE {table} DISABLE TRIGGER {table}_append_only",
        "ALTER TABLE {table} DISABLE TRIGGER USER",
        "ALTER TABLE {table} ADD COLUMN forged integer",
        "DROP TRIGGER {table}_append_only ON {table}",
        "DROP TRIGGER {table}_chain ON {table}",
        "CREATE TRIGGER forged BEFORE INSERT ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION brobygger_chain_log_row()",
        "DROP TABLE {table}",
    ],
)
def test_rewriting_the_logs_is_refused(table, statement):
    make_log_rows()
    assert refused(statement.format(table=table)) == INSUFFICIENT_PRIVILEGE
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), min(request_id) FROM {table}")
        assert cursor.fetchone() == (1, "")


def test_replica_mode_which_skips_triggers_is_refused():
    assert refused("SET session_replication_role = replica") == INSUFFICIENT_PRIVILEGE


def test_the_trigger_functions_cannot_be_replaced():
    sql = (
        "CREATE OR REPLACE FUNCTION brobygger_refuse_log_change() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"
    )
    assert refused(sql) == INSUFFICIENT_PRIVILEGE


def test_ordinary_tables_are_writable():
    from brobygger.enrolments.models import Participant

    participant = Participant.objects.create(first_name="Test", last_name="Testesen")
    Participant.objects.filter(pk=participant.pk).update(last_name="Endret")
    Participant.objects.filter(pk=participant.pk).delete()
