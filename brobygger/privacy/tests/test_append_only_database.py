"""The database itself refuses UPDATE and DELETE on the audit trail and the read log, whatever
the app does: triggers on PostgreSQL and SQLite. Run this file with
DATABASE_URL=postgres://... as well as on the default SQLite.

The triggers are tested as the tables' owner (`owner_db`): the app's runtime role is refused
before any trigger fires (core/tests/test_runtime_role.py, ADR 0013)."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from brobygger.accesslog.models import AccessEvent
from brobygger.core.models import AuditEvent
from brobygger.privacy import logtriggers
from brobygger.privacy.tests.helpers import make_log_rows

TABLES = ["core_auditevent", "accesslog_accessevent"]


def _raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize("table", TABLES)
def test_raw_sql_update_is_refused(table, owner_db):
    audit, access = make_log_rows()
    pk = audit.pk if table == "core_auditevent" else access.pk
    column = "action" if table == "core_auditevent" else "shown"
    with pytest.raises(IntegrityError, match="append-only"):
        _raw(f"UPDATE {table} SET {column} = %s WHERE id = %s", ["forged", pk])
    with pytest.raises(IntegrityError, match="append-only"):
        _raw(f"UPDATE {table} SET {column} = %s", ["forged"])
    assert AuditEvent.objects.get(pk=audit.pk).action == "create"
    assert AccessEvent.objects.get(pk=access.pk).shown == "Deltakerside"


@pytest.mark.parametrize("table", TABLES)
def test_raw_sql_delete_is_refused(table, owner_db):
    make_log_rows()
    with pytest.raises(IntegrityError, match="append-only"):
        _raw(f"DELETE FROM {table}")
    assert AuditEvent.objects.count() == 1
    assert AccessEvent.objects.count() == 1


@pytest.mark.django_db
def test_the_triggers_are_installed_for_this_database():
    installed = logtriggers.installed_triggers(connection)
    if connection.vendor == "postgresql":
        assert installed >= {f"{t}_{s}" for t in TABLES for s in ("append_only", "chain")}
    else:
        suffixes = ("no_update", "no_delete", "chain")
        assert installed >= {f"{t}_{s}" for t in TABLES for s in suffixes}


def test_triggers_lost_in_a_table_rebuild_come_back_after_migrate(owner_db):
    # SQLite drops a table's triggers when the schema editor rebuilds it; post_migrate puts
    # them back. Simulated by dropping them.
    with connection.cursor() as cursor:
        for sql in logtriggers.chain_uninstall_statements(connection.vendor):
            cursor.execute(sql)
        for sql in logtriggers.uninstall_statements(connection.vendor):
            cursor.execute(sql)
    assert not logtriggers.installed_triggers(connection)
    logtriggers.ensure_triggers(using=connection.alias)
    audit, access = make_log_rows()
    with pytest.raises(IntegrityError):
        _raw("DELETE FROM core_auditevent")
    # ... the hash chain's insert triggers too (ADR 0013).
    assert AuditEvent.objects.get(pk=audit.pk).chain_seq == 1
    assert AccessEvent.objects.get(pk=access.pk).chain_seq == 1


def test_a_whole_database_flush_still_empties_them(transactional_db):
    # pytest-django flushes after each transactional test (TRUNCATE on PostgreSQL, DELETE on
    # SQLite), and so does `manage.py flush`: the logs must not stop that.
    make_log_rows()
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 0
    assert AccessEvent.objects.count() == 0
    # ... and only the flush: a plain DELETE is refused again right after (by the trigger, or
    # for the runtime role by its missing privilege).
    make_log_rows()
    with pytest.raises(DatabaseError):
        _raw("DELETE FROM core_auditevent")
