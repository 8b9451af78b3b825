"""Running workers in tests: in this process (batch mode, inside the test's transaction), or as
real `manage.py run_worker` subprocesses against the test database (transactional tests)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from brobygger.jobs.worker import JobWorker

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def run_inline(monkeypatch: pytest.MonkeyPatch, **kwargs: Any) -> JobWorker:
    """Run every job that is due now, here, then return (db_worker's --batch). The worker's
    own connection checks would close the test's connection mid-transaction: switched off."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    worker = JobWorker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=kwargs.pop("worker_id", "inline"),
        excluded_queue_names=[],
        heartbeat_seconds=1,
        stale_after_seconds=kwargs.pop("stale_after_seconds", 60),
        housekeeping_thread=False,
        schedule_daily=kwargs.pop("schedule_daily", False),
        **kwargs,
    )
    worker.run()
    return worker


def database_url() -> str:
    """The test database, as a URL a subprocess can use (the same role as this process)."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(s["NAME"])
        assert "memory" not in name, "the SQLite test database must be a file (settings.py)"
        return f"sqlite:///{name}"
    from urllib.parse import quote

    auth = quote(s["USER"] or "")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"])
    return f"postgres://{auth}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


def wait_for(what: str, check: Callable[[], Any], timeout: float = 45) -> Any:
    """Poll `check` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


class WorkerProcess:
    def __init__(self, name: str, log_dir: Path, *args: str) -> None:
        self.name = name
        self.log = log_dir / f"{name}.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "BROBYGGER_TESTING": "1",
            "DJANGO_SETTINGS_MODULE": "brobygger.settings",
        }
        env.pop("DATABASE_MIGRATE_URL", None)  # the worker runs as the runtime role
        command = [sys.executable, str(MANAGE), "run_worker", "--worker-id", name]
        command += ["--interval", "0.05", "--no-startup-delay", "--no-reload", "--no-schedule"]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(  # noqa: S603
                [*command, *args], env=env, stdout=out, stderr=subprocess.STDOUT
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextmanager
def worker_processes(log_dir: Path) -> Iterator[Callable[..., WorkerProcess]]:
    """Start workers with `start(name, *extra args)`; all are stopped at the end, and their
    output is printed if the test failed."""
    started: list[WorkerProcess] = []

    def start(name: str, *args: str) -> WorkerProcess:
        worker = WorkerProcess(name, log_dir, *args)
        started.append(worker)
        return worker

    try:
        yield start
    except BaseException:
        for worker in started:
            print(f"--- {worker.name} ---\n{worker.output()}")  # noqa: T201
        raise
    finally:
        for worker in started:
            worker.stop()
