"""The hash chain over the audit trail and the read log (ADR 0013): insert triggers that link
each new row, and the rows written before this migration linked in id order.

The SQL lives in brobygger/privacy/logtriggers.py, the hashing in brobygger/core/chain.py."""

from django.db import migrations

from brobygger.core.chain import link_hash, row_digest
from brobygger.privacy import logtriggers

MODELS = [("core", "AuditEvent"), ("accesslog", "AccessEvent")]


def _backfill(model, schema_editor):
    table = model._meta.db_table
    connection = schema_editor.connection
    prev = ""
    seq = 0
    with connection.cursor() as cursor:
        for row in model.objects.order_by("id").iterator(chunk_size=2000):
            seq += 1
            digest = row_digest(row)
            row_hash = link_hash(prev, digest)
            cursor.execute(
                f"UPDATE {table} SET digest = %s, chain_seq = %s, prev_hash = %s, row_hash = %s "
                "WHERE id = %s",
                [digest, seq, prev, row_hash, row.pk],
            )
            prev = row_hash


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    models = [apps.get_model(app, name) for app, name in MODELS]
    tables = [model._meta.db_table for model in models]
    if vendor == "postgresql":
        # The migration runs as the tables' owner: the append-only trigger steps aside for the
        # backfill only, inside this transaction (which also keeps inserts out meanwhile).
        for table in tables:
            schema_editor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only")
        for model in models:
            _backfill(model, schema_editor)
        for table in tables:
            schema_editor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_append_only")
        for sql in logtriggers.chain_install_statements(vendor, tables):
            schema_editor.execute(sql, params=None)
    else:
        # SQLite: the table rebuilds above dropped the triggers; put them all back. The new
        # update trigger lets only not-yet-chained rows (chain_seq NULL) be filled in.
        statements = logtriggers.install_statements(vendor, tables)
        statements += logtriggers.chain_install_statements(vendor, tables)
        for sql in statements:
            schema_editor.execute(sql, params=None)
        for model in models:
            _backfill(model, schema_editor)


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    tables = [apps.get_model(app, name)._meta.db_table for app, name in MODELS]
    for sql in logtriggers.chain_uninstall_statements(vendor, tables):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0003_append_only_triggers"),
        ("core", "0002_log_hash_chain"),
        ("accesslog", "0003_log_hash_chain"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
