"""The background job that runs a pass over an uploaded file (ADR 0015, ADR 0022).

Safe to run twice (delivery is at least once): a pass that already finished is skipped by its
status, and a real run killed mid-way left nothing (one transaction), so running it again
from the start imports the file once. Arguments are ids; the return value is counts only."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from brobygger.imports.engine import run_pass
from brobygger.imports.models import ImportRun, RunStatus
from brobygger.imports.progress import progress_clear, progress_write
from brobygger.jobs import job

logger = logging.getLogger(__name__)


def execute(run_id: int, *, dry_run: bool) -> str:
    """Run the dry run (status CHECKING) or the real run (QUEUED, or RUNNING when an earlier
    attempt was killed); anything else is done already."""
    run = ImportRun.objects.select_related("programme__organisation", "uploaded_by").get(pk=run_id)
    wanted = {RunStatus.CHECKING} if dry_run else {RunStatus.QUEUED, RunStatus.RUNNING}
    if run.status not in wanted:
        return f"skipped: {run.status}"
    if not dry_run:
        with transaction.atomic():
            run.status = RunStatus.RUNNING
            run.started_at = timezone.now()
            run.save(update_fields=["status", "started_at"])
    try:
        result = run_pass(
            run,
            dry_run=dry_run,
            progress=lambda done, total: progress_write(run.pk, done, total),
        )
    except Exception:
        logger.exception("Import %s failed; nothing was imported", run.pk)
        ImportRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, content=b"", finished_at=timezone.now()
        )
        raise
    finally:
        progress_clear(run.pk)
    return f"{len(result.rows)} rows, {result.refused} refused"


@job(retries=0)
def import_pass(run_id: int, *, dry_run: bool) -> str:
    return execute(run_id, dry_run=dry_run)
