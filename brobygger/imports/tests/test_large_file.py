"""A 10,000-row file with 3 bad rows (1,000 in the everyday suite; helpers.FULL_SCALE): the dry
run lists exactly those 3, and the real run refuses the whole file (nothing of the good rows is
kept). Sessions, the cheapest kind per row; `manage.py bench_import` times 10,000 participants."""

from __future__ import annotations

import datetime as dt

import pytest

from brobygger.imports.engine import run_pass
from brobygger.imports.models import ImportRun, RunStatus
from brobygger.imports.synthetic import to_csv
from brobygger.imports.tests.helpers import FULL_SCALE, dry_run, refusals, upload
from brobygger.programmes.models import Cohort, Session

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False)

COHORTS, DAYS, SLOTS = 4, 250 if FULL_SCALE else 25, 10  # 10,000 (1,000) one-hour sessions
ROWS = COHORTS * DAYS * SLOTS
BAD = {ROWS // 8: "outside", ROWS // 2: "time", ROWS * 9 // 10: "duplicate"}  # rows of the file


def _file(personas) -> tuple[bytes, list[int]]:
    cohorts = [
        Cohort.objects.create(
            version=personas.version,
            name=f"Stort kull {n}",
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2026, 6, 30),
            capacity=20,
        )
        for n in range(COHORTS)
    ]
    rows = []
    for cohort in cohorts:
        for day in range(DAYS):
            date = dt.date(2025, 1, 1) + dt.timedelta(days=day)
            for slot in range(SLOTS):
                rows.append(
                    [
                        cohort.name,
                        f"{date:%d.%m.%Y}",
                        f"{8 + slot:02d}:00",
                        f"{9 + slot:02d}:00",
                        "",
                    ]
                )
    assert len(rows) == ROWS
    outside, time, duplicate = sorted(BAD)
    rows[outside][1] = "01.01.2030"
    rows[time][3] = "25:00"
    rows[duplicate] = list(rows[duplicate - 1])
    return to_csv(["kull", "dato", "fra", "til", "tema"], rows), [n + 2 for n in sorted(BAD)]


def test_ten_thousand_rows_with_three_bad_the_dry_run_lists_three_the_real_run_keeps_none(
    personas,
):
    content, bad_lines = _file(personas)
    run = dry_run(upload(personas, "okter", content))
    assert run.total_rows == ROWS
    found = refusals(run)
    assert sorted(found) == bad_lines
    assert "innenfor kullets datoer" in found[bad_lines[0]][0]
    assert "er ikke et klokkeslett" in found[bad_lines[1]][0]
    assert found[bad_lines[2]] == [f"Står to ganger i filen: samme som rad {bad_lines[2] - 1}."]
    assert run.created == ROWS - 3
    assert not Session.objects.filter(cohort__name__startswith="Stort kull").exists()

    # The real run of the same file (as if started anyway): refused whole.
    ImportRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    run = ImportRun.objects.select_related("programme", "uploaded_by").get(pk=run.pk)
    result = run_pass(run, dry_run=False)
    run.refresh_from_db()
    assert run.status == RunStatus.REFUSED and result.refused == 3
    assert sorted(refusals(run)) == bad_lines
    assert not Session.objects.filter(cohort__name__startswith="Stort kull").exists()
    assert bytes(run.content) == b""
