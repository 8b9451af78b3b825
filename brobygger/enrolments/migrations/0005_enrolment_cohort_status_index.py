from django.db import migrations, models


class Migration(migrations.Migration):
    """Issue 16: a cohort's places taken and applicants waiting are counted per page of the
    cohort list (and on the cohort pages) by (cohort, status), from the index alone."""

    dependencies = [("enrolments", "0004_status_change_late_reason")]

    operations = [
        migrations.AddIndex(
            model_name="enrolment",
            index=models.Index(fields=["cohort", "status"], name="enrolment_cohort_status"),
        ),
    ]
