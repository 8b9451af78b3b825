"""A RUNNING job whose worker stopped beating is queued again (or given up, on its last try);
one whose worker still beats is left alone, however long it runs."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from brobygger.jobs.models import WorkerHeartbeat
from brobygger.jobs.services import heartbeat_record, stale_jobs_recover
from brobygger.jobs.tests.testjobs import always_fails, flaky

T0 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Oslo"))
STALE = dt.timedelta(seconds=60)


def _claimed(task, worker_id: str, *args, **kwargs) -> DBTaskResult:  # type: ignore[no-untyped-def]
    heartbeat_record(worker_id=worker_id)
    row = DBTaskResult.objects.get(pk=task.enqueue(*args, **kwargs).id)
    row.claim(worker_id)
    return row


def test_a_job_of_a_worker_that_stopped_beating_is_queued_again(db, time_machine):
    time_machine.move_to(T0, tick=False)
    row = _claimed(flaky, "dead", "k", failures=0)
    time_machine.move_to(T0 + dt.timedelta(seconds=61), tick=False)
    assert stale_jobs_recover(stale_after=STALE) == 1
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY and row.run_after == timezone.now()
    assert row.args_kwargs == {"args": ["k"], "kwargs": {"failures": 0}}
    assert stale_jobs_recover(stale_after=STALE) == 0


def test_a_job_whose_worker_still_beats_is_left_alone(db, time_machine):
    time_machine.move_to(T0, tick=False)
    row = _claimed(flaky, "alive", "k", failures=0)
    time_machine.move_to(T0 + dt.timedelta(hours=2), tick=False)
    heartbeat_record(worker_id="alive")
    assert stale_jobs_recover(stale_after=STALE) == 0
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


def test_a_job_just_started_is_left_alone_even_without_a_heartbeat(db, time_machine):
    time_machine.move_to(T0, tick=False)
    row = _claimed(flaky, "new", "k", failures=0)
    WorkerHeartbeat.objects.all().delete()
    time_machine.move_to(T0 + dt.timedelta(seconds=30), tick=False)
    assert stale_jobs_recover(stale_after=STALE) == 0
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


def test_a_lost_job_on_its_last_try_ends_failed_as_worker_lost(db, time_machine):
    time_machine.move_to(T0, tick=False)
    row = _claimed(always_fails, "first", "k")  # retries=1
    row.claim("second")  # its second (last) attempt, in a worker that then dies
    time_machine.move_to(T0 + dt.timedelta(minutes=5), tick=False)
    assert stale_jobs_recover(stale_after=STALE) == 1
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "brobygger.jobs.services.WorkerLost"


def test_heartbeats_of_workers_long_gone_are_forgotten(db, time_machine):
    time_machine.move_to(T0, tick=False)
    heartbeat_record(worker_id="gone")
    _claimed(flaky, "dead", "k", failures=0)
    time_machine.move_to(T0 + dt.timedelta(days=2), tick=False)
    heartbeat_record(worker_id="here")
    stale_jobs_recover(stale_after=STALE)
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["here"]
