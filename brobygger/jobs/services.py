"""Writes of the job runner: heartbeats, retries, recovering jobs of dead workers, enqueueing the
daily jobs. The worker is their only caller; nothing here touches personal data, so nothing is
audited (the jobs themselves audit what they change)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from brobygger.jobs import Job, retry_delay
from brobygger.jobs.models import DailyRun, WorkerHeartbeat
from brobygger.jobs.schedule import DAILY_JOBS, DailyJob

logger = logging.getLogger("brobygger.jobs")

# Heartbeats of workers gone this long are deleted (a dead worker's row is kept until then).
FORGET_WORKERS_AFTER = dt.timedelta(days=1)


class WorkerLost(Exception):
    """The exception class recorded for a job whose worker died while running it, once the job's
    retries are used up (the worker never got to record an error of its own)."""


def heartbeat_record(*, worker_id: str, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    if not WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now):
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            hostname=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=now,
            seen_at=now,
        )


def heartbeat_remove(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def _retries(db_result: DBTaskResult) -> int:
    """The job's retry budget; 0 for a plain django-tasks task or one that no longer imports."""
    try:
        task = db_result.task
    except (ImportError, SuspiciousOperation):
        return 0
    return task.retries if isinstance(task, Job) else 0


def failed_job_retry(*, db_result: DBTaskResult, now: dt.datetime | None = None) -> bool:
    """After a failed attempt (the row is FAILED): queue it again after the backoff delay if it
    has retries left, keeping its args, kwargs and worker ids (one per attempt). Returns whether
    it was queued again; otherwise it stays FAILED (given up)."""
    attempt = len(db_result.worker_ids)
    if attempt > _retries(db_result):
        logger.warning(
            "Task id=%s path=%s gave up after %d attempt(s) (%s)",
            db_result.id,
            db_result.task_path,
            attempt,
            db_result.exception_class_path,
        )
        return False
    now = now or timezone.now()
    delay = retry_delay(attempt)
    run_after = now + dt.timedelta(seconds=delay)
    queued = DBTaskResult.objects.filter(pk=db_result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    if queued:
        db_result.status = TaskResultStatus.READY
        db_result.run_after = run_after
        db_result.finished_at = None
        logger.warning(
            "Task id=%s path=%s attempt %d failed (%s); trying again in %ss",
            db_result.id,
            db_result.task_path,
            attempt,
            db_result.exception_class_path,
            int(delay),
        )
    return bool(queued)


def stale_jobs_recover(*, stale_after: dt.timedelta, now: dt.datetime | None = None) -> int:
    """RUNNING jobs whose worker has not beaten for `stale_after` (killed, lost its machine):
    back to READY to run again at once, or FAILED (WorkerLost) when that was their last try.
    Returns how many were recovered. Safe with several workers doing it at once: a row is only
    changed while it is still the same run (status and started_at unchanged)."""
    now = now or timezone.now()
    cutoff = now - stale_after
    running = list(
        DBTaskResult.objects.running()
        .filter(started_at__lt=cutoff)
        .only("id", "worker_ids", "started_at", "task_path", "priority", "queue_name")
    )
    if not running:
        return 0
    alive = set(
        WorkerHeartbeat.objects.filter(
            worker_id__in={r.worker_ids[-1] for r in running if r.worker_ids},
            seen_at__gte=cutoff,
        ).values_list("worker_id", flat=True)
    )
    recovered = 0
    for db_result in running:
        if db_result.worker_ids and db_result.worker_ids[-1] in alive:
            continue
        attempt = len(db_result.worker_ids)
        same_run = DBTaskResult.objects.filter(
            pk=db_result.pk, status=TaskResultStatus.RUNNING, started_at=db_result.started_at
        )
        if attempt > _retries(db_result):
            changed = same_run.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback="",
                return_value=None,
            )
        else:
            changed = same_run.update(status=TaskResultStatus.READY, run_after=now)
        if changed:
            recovered += 1
            logger.warning(
                "Task id=%s path=%s: worker %s stopped beating during attempt %d; %s",
                db_result.id,
                db_result.task_path,
                db_result.worker_ids[-1] if db_result.worker_ids else "?",
                attempt,
                "given up" if attempt > _retries(db_result) else "queued again",
            )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_WORKERS_AFTER).delete()
    return recovered


def daily_jobs_enqueue(
    *, now: dt.datetime | None = None, jobs: Iterable[DailyJob] = DAILY_JOBS
) -> list[str]:
    """Enqueue each daily job whose hour (Europe/Oslo) has come today and that nobody enqueued
    today yet. The DailyRun row and the queued job commit together, and the row's unique key
    makes a second worker (or a second call) skip it. Returns the names enqueued now."""
    local = timezone.localtime(now or timezone.now())
    day = local.date()
    due = [
        daily
        for daily in jobs
        if local.hour >= daily.hour and (daily.in_demo or not settings.DEMO_MODE)
    ]
    if not due:
        return []
    done = set(
        DailyRun.objects.filter(day=day, job_name__in=[d.name for d in due]).values_list(
            "job_name", flat=True
        )
    )
    enqueued = []
    for daily in due:
        if daily.name in done:
            continue
        try:
            with transaction.atomic():
                result = import_string(daily.task).enqueue()
                DailyRun.objects.create(job_name=daily.name, day=day, task_result_id=result.id)
        except IntegrityError:
            continue  # another worker got there first; its job is queued
        logger.info("Daily job %s for %s enqueued (task id=%s)", daily.name, day, result.id)
        enqueued.append(daily.name)
    return enqueued
