"""Jobs for the tests only (module level, as django-tasks requires; a `run_worker` subprocess
imports them by path). A job "marks" that it ran by a DailyRun row named `test:<key>`: the
unique key makes a second completion fail loudly instead of passing unnoticed."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from django.utils import timezone
from django_tasks import task

from brobygger.jobs import job
from brobygger.jobs.models import DailyRun

CALLS: Counter[str] = Counter()  # in-process runs, per key


class Boom(Exception):
    pass


def mark(key: str) -> None:
    DailyRun.objects.create(job_name=f"test:{key}", day=timezone.localdate())


def marks(prefix: str = "") -> list[str]:
    names = DailyRun.objects.filter(job_name__startswith=f"test:{prefix}")
    return sorted(names.values_list("job_name", flat=True))


@job(retries=3)
def flaky(key: str, *, failures: int) -> str:
    """Fails its first `failures` calls, then marks and returns."""
    CALLS[key] += 1
    if CALLS[key] <= failures:
        raise Boom(f"attempt {CALLS[key]} of {key} failed (secret detail)")
    mark(key)
    return f"done after {CALLS[key]}"


@job(retries=1)
def always_fails(key: str) -> None:
    CALLS[key] += 1
    raise Boom(f"{key} never works (secret detail)")


@job(retries=0)
def quick(key: str) -> None:
    mark(key)
    time.sleep(0.05)  # long enough that two workers both get some of a batch


@job(retries=2)
def wait_then_mark(key: str, folder: str) -> None:
    """Says it started (one file per attempt), waits for the file `go`, then marks."""
    here = Path(folder)
    attempt = len(list(here.glob("started-*"))) + 1
    (here / f"started-{attempt}").touch()
    deadline = time.monotonic() + 60
    while not (here / "go").exists():
        if time.monotonic() > deadline:
            raise TimeoutError("no go")
        time.sleep(0.02)
    mark(key)


@task()
def plain_fails(key: str) -> None:
    """A django-tasks task not declared with @job: no retries."""
    CALLS[key] += 1
    raise Boom(key)


@job(retries=0)
def quick_daily() -> None:
    """A daily job for the scheduler's tests."""
