"""The tips page for leaders and a few links, so a fresh install has them."""

from django.db import migrations

from brobygger.guidance.seed.load import load_seed


def seed(apps, schema_editor):
    # Before 0003: these historical models have no `language`; 0004 adds the other languages.
    load_seed(lambda name: apps.get_model("guidance", name), translations=False)


class Migration(migrations.Migration):
    dependencies = [("guidance", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
