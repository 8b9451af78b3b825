"""The worker behind `manage.py run_worker`: django-tasks-db's Worker (its loop, its claim with
SELECT ... FOR UPDATE SKIP LOCKED, its run_task), plus

- retries: a failed attempt goes back in the queue after a backoff delay (services);
- a heartbeat from a housekeeping thread every `heartbeat_seconds`, also while a job runs;
- recovery, in the same thread: a RUNNING job whose worker stopped beating runs again;
- the daily scheduler, in the same thread: schedule.DAILY_JOBS, once a day each.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any

from django.db import DatabaseError, close_old_connections, connections
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from brobygger.jobs import services

logger = logging.getLogger("brobygger.jobs")


class JobWorker(Worker):
    def __init__(
        self,
        *,
        heartbeat_seconds: float,
        stale_after_seconds: float,
        housekeeping_thread: bool = True,
        schedule_daily: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.heartbeat_seconds = heartbeat_seconds
        self.stale_after = dt.timedelta(seconds=stale_after_seconds)
        self.housekeeping_thread = housekeeping_thread
        self.schedule_daily = schedule_daily
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._scheduled: set[tuple[str, dt.date]] = set()

    def run(self) -> None:
        services.heartbeat_record(worker_id=self.worker_id)
        self.housekeeping()
        if self.housekeeping_thread:
            self._thread = threading.Thread(
                target=self._housekeeping_loop, name="jobs-housekeeping", daemon=True
            )
            self._thread.start()
        logger.info(
            "Job worker %s started (heartbeat %ss, stale after %ss, daily jobs %s)",
            self.worker_id,
            self.heartbeat_seconds,
            self.stale_after.total_seconds(),
            "on" if self.schedule_daily else "off",
        )
        try:
            super().run()
        finally:
            self._stop.set()
            if self._thread is not None:
                self._thread.join(timeout=self.heartbeat_seconds + 5)
            try:
                services.heartbeat_remove(worker_id=self.worker_id)
            except DatabaseError:
                logger.exception("Job worker %s: could not remove its heartbeat", self.worker_id)
            logger.info("Job worker %s stopped", self.worker_id)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if db_task_result.status == TaskResultStatus.FAILED:
            services.failed_job_retry(db_result=db_task_result)

    def housekeeping(self) -> None:
        """Beat, recover jobs of dead workers, enqueue the daily jobs that are due."""
        now = timezone.now()
        services.heartbeat_record(worker_id=self.worker_id, now=now)
        services.stale_jobs_recover(stale_after=self.stale_after, now=now)
        if self.schedule_daily:
            today = timezone.localdate(now)
            # Once a day's job is known to be enqueued, this worker stops asking for it.
            from brobygger.jobs.schedule import DAILY_JOBS

            pending = [d for d in DAILY_JOBS if (d.name, today) not in self._scheduled]
            if pending:
                services.daily_jobs_enqueue(now=now, jobs=pending)
                local_hour = timezone.localtime(now).hour
                self._scheduled |= {(d.name, today) for d in pending if local_hour >= d.hour}

    def _housekeeping_loop(self) -> None:
        try:
            while not self._stop.wait(self.heartbeat_seconds):
                close_old_connections()
                try:
                    self.housekeeping()
                except Exception:
                    # A locked SQLite file, a restarting server, a daily job that does not
                    # import: log it and beat again next time; the thread must not die.
                    logger.exception("Job worker %s: housekeeping failed", self.worker_id)
        finally:
            connections.close_all()  # this thread's connections only
