"""Test helpers: upload a file and run its passes here (the job's code, called inline)."""

from __future__ import annotations

import os
from typing import Any

from brobygger.imports.jobs import execute
from brobygger.imports.models import ImportRun
from brobygger.imports.services import import_start, import_upload

COHORT_HEADERS = ["kull", "versjon", "startdato", "sluttdato", "plasser", "sted"]

# The full scale (20 kills, a 10,000-row file) with BROBYGGER_IMPORT_FAULTS=full; the
# suite runs the same tests smaller (3 kills, 1,000 rows) to stay fast. README, "Import".
FULL_SCALE = os.environ.get("BROBYGGER_IMPORT_FAULTS") == "full"


def upload(
    personas: Any, kind: str, content: bytes, *, name: str = "historikk.csv", by: Any = None
) -> ImportRun:
    return import_upload(
        by=by or personas.coordinator,
        programme=personas.version.programme,
        kind=kind,
        file_name=name,
        content=content,
    )


def dry_run(run: ImportRun) -> ImportRun:
    execute(run.pk, dry_run=True)
    return ImportRun.objects.get(pk=run.pk)


def real_run(run: ImportRun, *, by: Any = None) -> ImportRun:
    import_start(by=by or run.uploaded_by, run=run)
    execute(run.pk, dry_run=False)
    return ImportRun.objects.get(pk=run.pk)


def import_file(personas: Any, kind: str, content: bytes, **kwargs: Any) -> ImportRun:
    """Upload, dry run, real run: what the page does."""
    run = dry_run(upload(personas, kind, content, **kwargs))
    assert run.refused == 0, run.report
    return real_run(run)


def refusals(run: ImportRun) -> dict[int, list[str]]:
    return {row["line"]: row["messages"] for row in run.report if row["outcome"] == "refuse"}
