"""The login rate limits and used-TOTP-code markers live in Django's database cache, which must be
shared by every process (ADR 0007). `createcachetable` is idempotent; running it from a migration
means `manage.py migrate` is the only deploy step, as before."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_user_session_epoch")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
