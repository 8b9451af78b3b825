"""Seed the wage subsidy rates table with the rules as of 2025-26 (DOMAIN.md, field facts).

`valid_from` 2025-01-01 marks where our table starts, not the day NAV's rules took effect.
Later changes are new rows added by administrators in the app, never edits of these.

- temporary: 40 % months 1-6, then 30 %, at most 12 months;
  with reduced work capacity 60 % months 1-12, then 50 %, at most 24 months;
- permanent: 75 % months 1-12, then 67 %, no fixed end (reviewed every 6 months). Only with
  reduced work capacity: permanent wage subsidy requires lasting, substantially reduced
  capacity, so there is deliberately no row without it and such agreements are refused;
- mentor grant: covers the mentor's wage (and employer costs) for the agreed mentoring hours,
  i.e. 100 % of the "monthly wage" entered for those hours; up to 6 months, up to 36 with
  reduced work capacity;
- inclusion grant: 100 % of documented extra costs entered as a monthly amount, for up to
  12 months (NAV's cap on the total is not modelled yet).
"""

from django.db import migrations

from brobygger.subsidy.seed import FROM, seed_rates


def seed(apps, schema_editor):
    seed_rates(apps.get_model("subsidy", "SubsidyRate"))


def unseed(apps, schema_editor):
    SubsidyRate = apps.get_model("subsidy", "SubsidyRate")
    SubsidyRate.objects.filter(valid_from=FROM, created_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("subsidy", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
