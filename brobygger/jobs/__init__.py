"""Background jobs (ADR 0015): Django's tasks interface (the django-tasks backport) on the
database backend (django-tasks-db), run by `manage.py run_worker`.

`job` is the one way to declare a job in this project: a django-tasks `Task` that also knows how
many times a failure is retried. The worker (`brobygger.jobs.worker.JobWorker`) puts a failed
attempt back in the queue after `settings.JOBS_RETRY_DELAYS` and leaves it FAILED once the
retries are used up. A retry is the same queued row run again: its args and kwargs are kept and
`TaskResult.attempts` (one worker id per attempt) counts the tries.

Delivery is at least once: a job can run again after a crash, so every job must be safe to run
twice. Job arguments are ids (JSON), never personal data: they are stored in the queue table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.utils.version import PY311
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks.base import Task
from django_tasks.utils import normalize_json
from typing_extensions import ParamSpec

P = ParamSpec("P")
T = TypeVar("T")

__all__ = ["Job", "enqueue_on_commit", "job", "retry_delay"]


@dataclass(frozen=True, slots=PY311, kw_only=True)  # type: ignore[literal-required]
class Job(Task[P, T]):
    """A django-tasks Task with a retry budget: `retries` failures are tried again."""

    retries: int = 5

    def __post_init__(self) -> None:
        if self.retries < 0:
            raise ValueError("retries must be zero or more")
        Task.__post_init__(self)  # slots=True: a new class, so no zero-argument super()


def job(*, retries: int = 5, queue: str = "default") -> Callable[[Callable[P, T]], Job[P, T]]:
    """Declare a job: `@job(retries=3, queue="mail")` on a module-level function taking ids.

    The result is a django-tasks Task: `.enqueue(*args, **kwargs)` queues it (use
    `enqueue_on_commit` inside a transaction), `.call(...)` runs it here and now (tests)."""

    def decorate(func: Callable[P, T]) -> Job[P, T]:
        return Job(func=func, queue_name=queue, backend=DEFAULT_TASK_BACKEND_ALIAS, retries=retries)

    return decorate


def enqueue_on_commit(task: Task[P, Any], *args: P.args, **kwargs: P.kwargs) -> None:
    """Queue `task` once the current transaction commits (at once outside a transaction); a
    rolled-back transaction queues nothing. Arguments that cannot be stored as JSON fail here,
    not after the commit."""
    normalize_json({"args": args, "kwargs": kwargs})
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))


def retry_delay(attempt: int) -> float:
    """Seconds to wait after failed attempt number `attempt` (1, 2, ...): JOBS_RETRY_DELAYS in
    turn, the last one repeated (the cap)."""
    delays: list[float] = list(settings.JOBS_RETRY_DELAYS)
    return float(delays[min(max(attempt, 1), len(delays)) - 1])
