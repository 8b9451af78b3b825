from django.db import migrations


def load(apps, schema_editor):
    from brobygger.organisations.reference_data import load_reference_data

    load_reference_data(apps.get_model("organisations", "County"),
                        apps.get_model("organisations", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
