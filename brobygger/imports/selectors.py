"""Reads for the import pages, in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from brobygger.imports.kinds import KINDS
from brobygger.imports.kinds.base import Outcome
from brobygger.imports.models import ImportRun, RunStatus

RECENT = 20
# Rows of a report shown on the page besides every refused one.
SHOWN_ROWS = 200


def recent_runs(*, programme: Any) -> QuerySet[ImportRun]:
    return (
        ImportRun.objects.filter(programme=programme)
        .select_related("uploaded_by")
        .defer("content", "report")[:RECENT]
    )


def run_page(*, run: ImportRun, viewer: Any) -> dict[str, Any]:
    report: list[dict[str, Any]] = list(run.report or [])
    refused = [row for row in report if row["outcome"] == Outcome.REFUSE]
    others = [row for row in report if row["outcome"] != Outcome.REFUSE]
    return {
        "run": run,
        "kind": KINDS.get(run.kind),
        "refused_rows": refused,
        "other_rows": others[:SHOWN_ROWS],
        "hidden_rows": max(0, len(others) - SHOWN_ROWS),
        "may_start": (
            run.status == RunStatus.CHECKED
            and not run.refused
            and not run.file_error
            and run.uploaded_by_id == viewer.pk
        ),
        "is_dry_run": run.status in (RunStatus.CHECKING, RunStatus.CHECKED),
    }
