"""Real `manage.py run_worker` processes against the test database (a file on SQLite, see
settings.py): a worker killed with SIGKILL mid-job loses nothing, two workers never run the
same job, and jobs queued while no worker runs wait for the next one."""

from __future__ import annotations

import os
import signal

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from brobygger.jobs.models import WorkerHeartbeat
from brobygger.jobs.tests.testjobs import marks, quick, wait_then_mark
from brobygger.jobs.tests.workers import wait_for, worker_processes

FAST = ("--heartbeat", "0.2", "--stale-after", "2")


def _status(result) -> str:  # type: ignore[no-untyped-def]
    return DBTaskResult.objects.get(pk=result.id).status


def test_a_job_killed_mid_run_runs_again_on_another_worker_exactly_once(transactional_db, tmp_path):
    flags = tmp_path / "flags"
    flags.mkdir()
    result = wait_then_mark.enqueue("killed", str(flags))
    with worker_processes(tmp_path) as start:
        first = start("first", *FAST)
        wait_for("the first attempt to start", lambda: (flags / "started-1").exists())
        assert _status(result) == TaskResultStatus.RUNNING
        # It beats while the job runs.
        seen = WorkerHeartbeat.objects.get(worker_id="first").seen_at
        wait_for(
            "a heartbeat during the job",
            lambda: WorkerHeartbeat.objects.get(worker_id="first").seen_at > seen,
        )
        os.kill(first.pid, signal.SIGKILL)
        first.process.wait(timeout=10)
        assert _status(result) == TaskResultStatus.RUNNING  # nobody told the queue
        assert marks() == []

        (flags / "go").touch()
        start("second", *FAST)
        wait_for("the job to succeed", lambda: _status(result) == TaskResultStatus.SUCCESSFUL)

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.worker_ids == ["first", "second"]
    assert (flags / "started-2").exists() and not (flags / "started-3").exists()
    assert marks() == ["test:killed"]  # ran to completion exactly once


def test_two_workers_take_different_jobs_and_each_runs_once(transactional_db, tmp_path):
    with worker_processes(tmp_path) as start:
        start("one", *FAST)
        start("two", *FAST)
        wait_for("both workers", lambda: WorkerHeartbeat.objects.count() == 2)
        results = [quick.enqueue(f"q{n:02d}") for n in range(20)]
        ids = [r.id for r in results]
        wait_for(
            "all 20 jobs to finish",
            lambda: DBTaskResult.objects.filter(pk__in=ids).finished().count() == 20,
        )
    rows = list(DBTaskResult.objects.filter(pk__in=ids))
    assert {r.status for r in rows} == {TaskResultStatus.SUCCESSFUL}
    assert all(len(r.worker_ids) == 1 for r in rows), "a job was claimed twice"
    assert {r.worker_ids[0] for r in rows} == {"one", "two"}, "both workers took jobs"
    assert marks("q") == [f"test:q{n:02d}" for n in range(20)]


def test_jobs_queued_while_no_worker_runs_wait_for_the_next_one(transactional_db, tmp_path):
    with worker_processes(tmp_path) as start:
        earlier = start("earlier", *FAST)
        wait_for("the worker", lambda: WorkerHeartbeat.objects.filter(worker_id="earlier"))
        earlier.stop()
        assert earlier.process.returncode == 0
        # It said goodbye (a worker of an earlier test in this database may still be beating).
        assert not WorkerHeartbeat.objects.filter(worker_id="earlier").exists()

        result = quick.enqueue("after-restart")
        assert _status(result) == TaskResultStatus.READY

        later = start("later", *FAST, "--batch")  # runs what is queued, then exits
        assert later.process.wait(timeout=60) == 0
    assert _status(result) == TaskResultStatus.SUCCESSFUL
    assert marks("after-restart") == ["test:after-restart"]
