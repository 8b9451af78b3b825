"""The daily jobs: each enqueued once a day, at or after its hour in Europe/Oslo, however many
workers ask and however often."""

from __future__ import annotations

import datetime as dt
import threading
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from brobygger.jobs import Job
from brobygger.jobs.models import DailyRun
from brobygger.jobs.schedule import DAILY_JOBS, DailyJob
from brobygger.jobs.services import daily_jobs_enqueue
from brobygger.jobs.tests.workers import run_inline

OSLO = ZoneInfo("Europe/Oslo")
JOBS = [
    DailyJob("early", "brobygger.jobs.tests.testjobs.quick_daily", hour=1),
    DailyJob("later", "brobygger.jobs.tests.testjobs.quick_daily", hour=6),
]


def _queued() -> list[tuple[str, str]]:
    return sorted(
        (run.job_name, f"{run.day:%Y-%m-%d}")
        for run in DailyRun.objects.exclude(job_name__startswith="test:")
    )


def test_every_daily_job_is_a_job_taking_no_arguments_with_a_valid_hour():
    names = [daily.name for daily in DAILY_JOBS]
    assert len(names) == len(set(names))
    assert {"start_cohorts", "apply_retention", "verify_audit"} <= set(names)
    for daily in DAILY_JOBS:
        assert isinstance(import_string(daily.task), Job), daily
        assert 0 <= daily.hour <= 23


def test_nothing_is_enqueued_before_its_hour(db, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 0, 59, 59, tzinfo=OSLO), tick=False)
    assert daily_jobs_enqueue(jobs=JOBS) == []
    assert _queued() == [] and not DBTaskResult.objects.exists()


def test_each_job_is_enqueued_once_a_day_however_often_asked(db, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 1, 0, tzinfo=OSLO), tick=False)
    assert daily_jobs_enqueue(jobs=JOBS) == ["early"]
    assert daily_jobs_enqueue(jobs=JOBS) == []
    time_machine.move_to(dt.datetime(2026, 3, 2, 23, 59, tzinfo=OSLO), tick=False)
    assert daily_jobs_enqueue(jobs=JOBS) == ["later"]  # late is better than never
    assert daily_jobs_enqueue(jobs=JOBS) == []
    assert _queued() == [("early", "2026-03-02"), ("later", "2026-03-02")]
    assert DBTaskResult.objects.count() == 2
    run = DailyRun.objects.get(job_name="early")
    assert run.task_result_id is not None
    assert DBTaskResult.objects.get(pk=run.task_result_id).task_path.endswith(".quick_daily")


def test_the_day_is_the_day_in_oslo_not_in_utc(db, time_machine):
    # 00:30 UTC on 2 March is 01:30 in Oslo: already the 2nd's run, not the 1st's.
    time_machine.move_to(dt.datetime(2026, 3, 2, 0, 30, tzinfo=dt.UTC), tick=False)
    daily_jobs_enqueue(jobs=JOBS)
    assert _queued() == [("early", "2026-03-02")]


def test_the_next_day_is_enqueued_again(db, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 7, 0, tzinfo=OSLO), tick=False)
    daily_jobs_enqueue(jobs=JOBS)
    time_machine.move_to(dt.datetime(2026, 3, 3, 1, 5, tzinfo=OSLO), tick=False)
    assert daily_jobs_enqueue(jobs=JOBS) == ["early"]
    assert len(_queued()) == 3


def test_two_workers_asking_at_once_enqueue_each_job_once(transactional_db, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 7, 0, tzinfo=OSLO), tick=False)
    barrier = threading.Barrier(2)
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(daily_jobs_enqueue(jobs=JOBS))
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(name for names in results for name in names) == ["early", "later"]
    assert _queued() == [("early", "2026-03-02"), ("later", "2026-03-02")]
    assert DBTaskResult.objects.count() == 2


def test_a_worker_enqueues_the_real_daily_jobs_once_and_runs_them(db, monkeypatch, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 23, 0, tzinfo=OSLO), tick=False)
    run_inline(monkeypatch, schedule_daily=True)
    run_inline(monkeypatch, schedule_daily=True, worker_id="another")
    assert sorted(name for name, _day in _queued()) == sorted(d.name for d in DAILY_JOBS)
    results = DBTaskResult.objects.all()
    assert len(results) == len(DAILY_JOBS)
    assert {r.status for r in results} == {"SUCCESSFUL"}, [
        (r.task_path, r.exception_class_path) for r in results
    ]


def test_demo_mode_leaves_out_retention_and_nothing_else(db, time_machine, settings):
    settings.DEMO_MODE = True
    time_machine.move_to(dt.datetime(2026, 3, 2, 23, 0, tzinfo=OSLO), tick=False)
    enqueued = daily_jobs_enqueue()
    assert "apply_retention" not in enqueued
    assert sorted(enqueued) == sorted(d.name for d in DAILY_JOBS if d.in_demo)
