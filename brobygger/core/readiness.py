"""What `/readyz` checks (core.views.readyz): may this app server be given traffic?

- the database answers;
- every migration on disk is applied (a server started before `migrate` ran, or from a newer
  release than the schema, is not ready);
- a job worker (`manage.py run_worker`, ADR 0015) beat within JOBS_STALE_AFTER_SECONDS: mail,
  reminders and the daily jobs depend on one.

`/healthz` stays the liveness check (the database answers): a proxy takes a server out of
rotation on it, not on this, so a stopped worker never takes the site down with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

OK = "ok"
FAILED = "failed"
PENDING = "pending"
STALE = "stale"
NOT_CHECKED = "not_checked"

# Once a process has seen every migration applied it does not load the migration graph again:
# the files on disk do not change under a running process, and a release that adds migrations
# restarts the servers.
_migrations_seen_applied = False

# The worker check is the jobs app's (jobs.apps registers it): core sits below the apps and
# imports none of them (ADR 0024). It returns OK or STALE for the given moment.
WorkerCheck = Callable[[dt.datetime], str]
_worker_check: WorkerCheck | None = None


def register_worker_check(check: WorkerCheck) -> None:
    global _worker_check
    _worker_check = check


@dataclass(frozen=True)
class Readiness:
    database: str
    migrations: str
    worker: str

    @property
    def ready(self) -> bool:
        return self.database == self.migrations == self.worker == OK

    def as_dict(self) -> dict[str, object]:
        return {
            "status": "ok" if self.ready else "unavailable",
            "checks": {
                "database": self.database,
                "migrations": self.migrations,
                "worker": self.worker,
            },
        }


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return OK


def _migrations() -> str:
    global _migrations_seen_applied
    if _migrations_seen_applied:
        return OK
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return PENDING
    _migrations_seen_applied = True
    return OK


def _worker(now: dt.datetime) -> str:
    # No check registered (the jobs app not loaded): nothing says a worker runs, so not ready.
    return NOT_CHECKED if _worker_check is None else _worker_check(now)


def readiness() -> Readiness:
    try:
        database = _database()
    except Exception:
        return Readiness(database=FAILED, migrations=NOT_CHECKED, worker=NOT_CHECKED)
    try:
        migrations = _migrations()
    except DatabaseError:
        migrations = FAILED
    try:
        worker = _worker(timezone.now())
    except DatabaseError:
        worker = FAILED
    return Readiness(database=database, migrations=migrations, worker=worker)
