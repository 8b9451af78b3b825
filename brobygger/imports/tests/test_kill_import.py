"""`manage.py import_file` killed with SIGKILL in the middle of its real run, 20 times (3 in the
everyday suite; helpers.FULL_SCALE), at
random points of its progress: each time nothing of the file is in the database (one
transaction), and the import run after that gives exactly one copy (and a second, none more).
Real subprocesses against the test database (a file on SQLite; PostgreSQL with DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from brobygger.enrolments.models import Enrolment, Participant, StatusChange
from brobygger.imports.models import ImportRun, RunStatus
from brobygger.imports.synthetic import participant_rows, to_csv
from brobygger.imports.tests.helpers import FULL_SCALE
from brobygger.jobs.tests.workers import MANAGE, database_url

ROWS = 80
KILLS = 20 if FULL_SCALE else 3


def _command(path: Path, personas, private: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "BROBYGGER_TESTING": "1",
        "BROBYGGER_PRIVATE_ROOT": str(private),
        "DJANGO_SETTINGS_MODULE": "brobygger.settings",
    }
    env.pop("DATABASE_MIGRATE_URL", None)
    command = [sys.executable, str(MANAGE), "import_file", str(path), "--kind", "deltakere"]
    command += ["--programme", str(personas.version.programme_id), "--user", "koordinator"]
    return subprocess.Popen(  # noqa: S603
        [*command, *extra], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def _progress(private: Path) -> tuple[int, int] | None:
    for path in (private / "import-progress").glob("*.json"):
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        return int(data["done"]), int(data["total"])
    return None


def _imported(cohort) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return (
        Enrolment.objects.filter(cohort=cohort).count(),
        StatusChange.objects.filter(enrolment__cohort=cohort).count(),
    )


def test_an_import_killed_mid_run_twenty_times_leaves_nothing_and_then_imports_once(
    transactional_db, personas, tmp_path
):
    before_people = Participant.objects.count()
    before = _imported(personas.cohort)
    headers, rows = participant_rows(
        cohort=personas.cohort.name,
        count=ROWS,
        applied_on=dt.date(2026, 6, 1),
        status="Vurderes",  # two status rows each; "Tatt opp" would meet the cohort's capacity
        seed=11,
    )
    path = tmp_path / "kull.csv"
    path.write_bytes(to_csv(headers, rows))
    private = tmp_path / "private"
    rng = random.Random(20)  # noqa: S311
    killed_at: list[tuple[int, int]] = []
    for attempt in range(KILLS):
        target = rng.uniform(0.05, 0.9)
        process = _command(path, personas, private, "--no-dry-run")
        deadline = time.monotonic() + 120
        seen = None
        while time.monotonic() < deadline and process.poll() is None:
            seen = _progress(private)
            if seen and seen[0] >= target * seen[1]:
                break
            time.sleep(0.01)
        if process.poll() is not None:
            output = process.communicate()[0].decode()
            pytest.fail(f"attempt {attempt}: it ended before it was killed:\n{output}")
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL
        assert seen is not None, f"attempt {attempt}: killed before any progress"
        killed_at.append(seen)
        # Nothing of the file: not one person, application or status row.
        assert Participant.objects.count() == before_people, f"attempt {attempt}"
        assert _imported(personas.cohort) == before, f"attempt {attempt}"
        for leftover in (private / "import-progress").glob("*"):
            leftover.unlink()
    # Killed in the middle each time, not only at the start.
    assert len({done for done, _total in killed_at}) > min(5, KILLS - 1)
    assert max(done for done, _total in killed_at) >= ROWS // 2

    finished = _command(path, personas, private)
    output = finished.communicate(timeout=300)[0].decode()
    assert finished.returncode == 0, output
    assert Participant.objects.count() == before_people + ROWS
    enrolments, history = _imported(personas.cohort)
    assert enrolments == before[0] + ROWS
    assert history == before[1] + ROWS * 2  # Søkt inn, Vurderes

    again = _command(path, personas, private)
    output = again.communicate(timeout=300)[0].decode()
    assert again.returncode == 0, output
    assert f"0 created, 0 changed, {ROWS} unchanged, 0 refused" in output
    assert _imported(personas.cohort) == (enrolments, history)
    # The killed runs are left as "running" (nobody told them), and each holds its file until
    # the stale clean-up; the finished ones have let go of theirs.
    done = ImportRun.objects.filter(status=RunStatus.DONE)
    assert done.count() == 2
    assert all(bytes(run.content) == b"" for run in done)
