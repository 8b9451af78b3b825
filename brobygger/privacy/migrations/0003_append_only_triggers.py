"""Database triggers refusing UPDATE and DELETE on the audit trail and the read log (ADR 0008).

The SQL lives in brobygger/privacy/logtriggers.py, per database vendor."""

from django.db import migrations

from brobygger.privacy import logtriggers


def _tables(apps):
    return [
        apps.get_model("core", "AuditEvent")._meta.db_table,
        apps.get_model("accesslog", "AccessEvent")._meta.db_table,
    ]


def install(apps, schema_editor):
    for sql in logtriggers.install_statements(schema_editor.connection.vendor, _tables(apps)):
        schema_editor.execute(sql, params=None)


def uninstall(apps, schema_editor):
    for sql in logtriggers.uninstall_statements(schema_editor.connection.vendor, _tables(apps)):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0002_anonymisation"),
        ("core", "0001_initial"),
        ("accesslog", "0002_protected_access"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
