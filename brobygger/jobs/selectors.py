"""Reads for the administrators' job page: no args, kwargs, return values or tracebacks (they
could hold more than ids), only what a job is, when it failed, how often and with what class."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from brobygger.core.readiness import OK, STALE
from brobygger.jobs.models import WorkerHeartbeat


@dataclass(frozen=True)
class QueueCounts:
    ready: int  # waiting (a retry waiting for its time included)
    running: int
    failed: int  # gave up (kept KEEP_FAILED_DAYS)
    workers: int  # workers that beat within JOBS_STALE_AFTER_SECONDS


def failed_jobs() -> QuerySet[DBTaskResult]:
    """Jobs that gave up, newest first (one query per page, plus the paginator's count)."""
    return (
        DBTaskResult.objects.failed()
        .only(
            "id",
            "task_path",
            "queue_name",
            "enqueued_at",
            "finished_at",
            "worker_ids",
            "exception_class_path",
        )
        .order_by("-finished_at", "-enqueued_at")
    )


def queue_counts(*, now: dt.datetime | None = None) -> QueueCounts:
    """Two queries: the queue by status, the live workers."""
    now = now or timezone.now()
    by_status = DBTaskResult.objects.aggregate(
        ready=Count("pk", filter=Q(status=TaskResultStatus.READY)),
        running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)),
        failed=Count("pk", filter=Q(status=TaskResultStatus.FAILED)),
    )
    stale = dt.timedelta(seconds=settings.JOBS_STALE_AFTER_SECONDS)
    workers = WorkerHeartbeat.objects.filter(seen_at__gte=now - stale).count()
    return QueueCounts(workers=workers, **by_status)


def worker_state(now: dt.datetime) -> str:
    """/readyz's worker check (core.readiness, registered in jobs.apps): did a worker beat
    within JOBS_STALE_AFTER_SECONDS before `now`?"""
    fresh_after = now - dt.timedelta(seconds=settings.JOBS_STALE_AFTER_SECONDS)
    return OK if WorkerHeartbeat.objects.filter(seen_at__gte=fresh_after).exists() else STALE
