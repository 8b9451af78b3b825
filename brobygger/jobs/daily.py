"""The daily jobs (schedule.py says when). Each calls the logic its management command calls, so
`manage.py start_cohorts` (and the others) still work by hand. All are safe to run twice:
- start_cohorts moves only people still waiting for their start date;
- apply_retention anonymises only people not anonymised yet;
- verify_audit records one more check (`core.AuditCheck`) and changes nothing else;
- prune_job_results deletes finished results older than a set age.
They return counts only, never names: a job's return value is stored in the queue table.
"""

from __future__ import annotations

import datetime as dt
import logging
from io import StringIO

from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus

from brobygger.jobs import job

logger = logging.getLogger(__name__)

# Finished results stay this long in the queue table (django-tasks-db's prune command); failed
# ones longer, so administrators see them on /drift/jobber/.
KEEP_SUCCESSFUL_DAYS = 14
KEEP_FAILED_DAYS = 90


@job(retries=3)
def start_cohorts() -> int:
    from brobygger.enrolments.services import cohorts_start_due

    return cohorts_start_due(today=timezone.localdate())  # by=None: recorded as the system


@job(retries=3)
def apply_retention() -> int:
    from brobygger.privacy.retention.services import retention_apply

    return len(retention_apply(today=timezone.localdate()))  # by=None: the system


@job(retries=2)
def verify_audit() -> str:
    """The command holds the check (and records it as an AuditCheck row); it raises
    CommandError when a chain is broken, so the job fails and is listed on /drift/jobber/.
    Its output is numbers and table names only."""
    out = StringIO()
    call_command("verify_audit", stdout=out, stderr=out)
    summary = out.getvalue().strip().splitlines()[-1]
    logger.info("verify_audit: %s", summary)
    return summary


@job(retries=2)
def prune_job_results() -> int:
    """What django-tasks-db's `prune_db_task_results` does, with our ages; returns the count."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    old = DBTaskResult.objects.filter(
        Q(
            status=TaskResultStatus.SUCCESSFUL,
            finished_at__lte=now - dt.timedelta(days=KEEP_SUCCESSFUL_DAYS),
        )
        | Q(
            status=TaskResultStatus.FAILED,
            finished_at__lte=now - dt.timedelta(days=KEEP_FAILED_DAYS),
        )
    )
    deleted, _by_model = old.delete()
    return deleted
