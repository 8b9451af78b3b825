"""The database cost of one more row in a dry run, for pinning a kind's queries per row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from brobygger.imports.jobs import execute
from brobygger.imports.synthetic import to_csv
from brobygger.imports.tests.helpers import upload


def _dry_run_queries(personas: Any, kind: str, headers: list[str], rows: list[list[str]]) -> int:
    run = upload(personas, kind, to_csv(headers, rows))
    with CaptureQueriesContext(connection) as captured:
        execute(run.pk, dry_run=True)
    return len(captured.captured_queries)


def queries_per_row(
    personas: Any,
    kind: str,
    headers: list[str],
    row_for: Callable[[str], list[str]],
    ids: list[str],
) -> float:
    """(queries for all of `ids` − queries for half of them) per extra row: the first rows fill
    the run's caches (cohorts, employers), so they are not what a long file costs per row."""
    half = len(ids) // 2
    # A first pass fills the process's caches (content types), which no later file pays for.
    _dry_run_queries(personas, kind, headers, [row_for(i) for i in ids[:half]])
    few = _dry_run_queries(personas, kind, headers, [row_for(i) for i in ids[:half]])
    many = _dry_run_queries(personas, kind, headers, [row_for(i) for i in ids])
    return (many - few) / (len(ids) - half)
