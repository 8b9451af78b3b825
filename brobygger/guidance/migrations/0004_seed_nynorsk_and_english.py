"""The tips page for leaders and the seeded links in nynorsk and English (ADR 0021), for a
fresh install and for a database that has the bokmål seed from 0002 only."""

from django.db import migrations

from brobygger.guidance.seed.load import load_seed, unload_translations


def seed(apps, schema_editor):
    load_seed(lambda name: apps.get_model("guidance", name))


def unseed(apps, schema_editor):
    unload_translations(lambda name: apps.get_model("guidance", name))


class Migration(migrations.Migration):
    dependencies = [("guidance", "0003_version_language")]

    operations = [migrations.RunPython(seed, unseed)]
