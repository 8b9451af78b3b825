"""The background job: safe to run twice (at least once delivery), a killed real run runs again
from the start, and a crash mid-pass leaves nothing and marks the run failed."""

from __future__ import annotations

import datetime as dt

import pytest

from brobygger.imports.jobs import execute
from brobygger.imports.kinds import KINDS
from brobygger.imports.models import ImportRun, RunStatus
from brobygger.imports.services import import_start, imports_discard_stale
from brobygger.imports.synthetic import to_csv
from brobygger.imports.tests.helpers import COHORT_HEADERS, dry_run, upload
from brobygger.programmes.models import Cohort

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False)

CONTENT = to_csv(
    COHORT_HEADERS,
    [
        ["Kull 2019", "2024", "19.08.2019", "19.06.2020", "17", ""],
        ["Kull 2020", "2024", "17.08.2020", "18.06.2021", "17", ""],
    ],
)


def _imported() -> int:
    return Cohort.objects.filter(name__in=["Kull 2019", "Kull 2020"]).count()


def test_a_finished_pass_run_again_is_skipped(personas):
    run = dry_run(upload(personas, "kull", CONTENT))
    assert execute(run.pk, dry_run=True) == "skipped: checked"
    import_start(by=personas.coordinator, run=run, enqueue=False)
    execute(run.pk, dry_run=False)
    assert execute(run.pk, dry_run=False) == "skipped: done"
    assert _imported() == 2


def test_a_real_run_left_running_by_a_killed_worker_runs_again_and_imports_once(personas):
    run = dry_run(upload(personas, "kull", CONTENT))
    ImportRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)  # the worker died
    execute(run.pk, dry_run=False)
    assert ImportRun.objects.get(pk=run.pk).status == RunStatus.DONE
    assert _imported() == 2


def test_a_crash_in_the_middle_leaves_nothing_and_marks_the_run_failed(personas, monkeypatch):
    run = dry_run(upload(personas, "kull", CONTENT))
    import_start(by=personas.coordinator, run=run, enqueue=False)
    kind = KINDS["kull"]
    real_apply = kind.apply
    calls = []

    def crash_on_second(ctx, row):  # type: ignore[no-untyped-def]
        calls.append(row)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return real_apply(ctx, row)

    monkeypatch.setattr(kind, "apply", crash_on_second)
    with pytest.raises(RuntimeError):
        execute(run.pk, dry_run=False)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and bytes(run.content) == b""
    assert _imported() == 0  # the first row was undone with the rest


def test_a_file_nobody_imported_is_deleted_after_a_day(personas, time_machine):
    run = dry_run(upload(personas, "kull", CONTENT))
    assert imports_discard_stale() == 0
    time_machine.shift(dt.timedelta(hours=25))
    assert imports_discard_stale() == 1
    run.refresh_from_db()
    assert bytes(run.content) == b""
