"""Background jobs (ADR 0015): Django's tasks interface (the django-tasks backport) on the
database backend (django-tasks-db), run by `manage.py run_worker`.

`job` is the one way to declare a job in this project: a django-tasks task with retries and
backoff. SCAFFOLD: retries are not implemented yet (the jobs helper makes them real).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django_tasks import task


def job(*, retries: int = 5, queue: str = "default") -> Callable[[Callable[..., Any]], Any]:
    def decorate(func: Callable[..., Any]) -> Any:
        return task(queue_name=queue)(func)

    return decorate
