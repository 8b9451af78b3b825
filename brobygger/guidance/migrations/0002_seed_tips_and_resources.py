"""The tips page for leaders and a few links, so a fresh install has them."""

from django.db import migrations

from brobygger.guidance.seed.load import load_seed


def seed(apps, schema_editor):
    load_seed(lambda name: apps.get_model("guidance", name))


class Migration(migrations.Migration):
    dependencies = [("guidance", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
