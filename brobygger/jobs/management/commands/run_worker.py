"""`manage.py run_worker`: runs the background jobs (ADR 0015).

django-tasks-db's `db_worker` with this project's additions (brobygger.jobs.worker): retries
with backoff, a heartbeat, recovery of jobs whose worker died, and the daily jobs. Takes every
queue by default. Run one or more, anywhere that reaches the database; each takes different
jobs. Stop with SIGTERM or Ctrl-C: a running job is finished first (a second signal stops it,
and it is queued again).
"""

from __future__ import annotations

import os
import socket
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import valid_interval

from brobygger.jobs.worker import JobWorker


def default_worker_id() -> str:
    """Readable in the queue table and the logs: host, process, and a random part."""
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(12)}"


class Command(DbWorkerCommand):
    help = (
        "Kjører bakgrunnsjobbene: henter jobber fra køen, prøver feilede jobber på nytt, "
        "starter de daglige jobbene og tar over jobber fra arbeidere som har stoppet."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:  # type: ignore[override]
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", worker_id=default_worker_id())
        parser.add_argument(
            "--heartbeat",
            type=valid_interval,
            default=None,
            help="Seconds between heartbeats (default: JOBS_HEARTBEAT_SECONDS)",
        )
        parser.add_argument(
            "--stale-after",
            type=valid_interval,
            default=None,
            help="Seconds without a heartbeat before another worker takes over a running job "
            "(default: JOBS_STALE_AFTER_SECONDS)",
        )
        parser.add_argument(
            "--no-schedule",
            action="store_false",
            dest="schedule_daily",
            help="Do not enqueue the daily jobs (another worker does).",
        )

    def handle(  # type: ignore[override]
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        heartbeat: float | None,
        stale_after: float | None,
        schedule_daily: bool,
        **options: Any,
    ) -> None:
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues kan bare brukes med --queue-name=*")
        heartbeat = settings.JOBS_HEARTBEAT_SECONDS if heartbeat is None else heartbeat
        stale_after = settings.JOBS_STALE_AFTER_SECONDS if stale_after is None else stale_after
        if not heartbeat or stale_after <= heartbeat:
            raise CommandError("--stale-after må være lengre enn --heartbeat (og begge over 0).")
        worker = JobWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
            heartbeat_seconds=heartbeat,
            stale_after_seconds=stale_after,
            schedule_daily=schedule_daily,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the child process runs jobs
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
