"""A failing job is tried again after JOBS_RETRY_DELAYS, with the same arguments, until its
retries are used up; then it stays FAILED."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from brobygger.jobs import Job, enqueue_on_commit, job, retry_delay
from brobygger.jobs.tests import testjobs
from brobygger.jobs.tests.testjobs import CALLS, always_fails, flaky, marks
from brobygger.jobs.tests.workers import run_inline

T0 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Oslo"))


@pytest.fixture(autouse=True)
def _fresh_calls():
    CALLS.clear()
    yield
    CALLS.clear()


def _row(result) -> DBTaskResult:  # type: ignore[no-untyped-def]
    return DBTaskResult.objects.get(pk=result.id)


def test_the_decorator_makes_a_django_task_with_a_retry_budget():
    assert isinstance(flaky, Job)
    assert flaky.retries == 3 and flaky.queue_name == "default"
    assert flaky.using(priority=5).retries == 3  # the worker runs `task.using(...)`
    assert job(retries=0, queue="mail")(testjobs.mark).queue_name == "mail"
    with pytest.raises(ValueError):
        job(retries=-1)(testjobs.mark)


def test_the_delays_grow_and_stop_at_the_last(settings):
    settings.JOBS_RETRY_DELAYS = [30, 120, 480]
    assert [retry_delay(n) for n in (1, 2, 3, 4, 9)] == [30, 120, 480, 480, 480]


def test_it_retries_after_the_backoff_then_succeeds(db, monkeypatch, time_machine, settings):
    settings.JOBS_RETRY_DELAYS = [30, 120]
    time_machine.move_to(T0, tick=False)
    result = flaky.enqueue("k1", failures=2)

    run_inline(monkeypatch)
    row = _row(result)
    assert row.status == TaskResultStatus.READY and CALLS["k1"] == 1
    assert row.run_after == T0 + dt.timedelta(seconds=30)
    assert row.task_result.attempts == 1
    assert row.exception_class_path == "brobygger.jobs.tests.testjobs.Boom"
    assert row.args_kwargs == {"args": ["k1"], "kwargs": {"failures": 2}}

    time_machine.move_to(T0 + dt.timedelta(seconds=29), tick=False)
    run_inline(monkeypatch)
    assert CALLS["k1"] == 1, "not before its time"

    time_machine.move_to(T0 + dt.timedelta(seconds=30), tick=False)
    run_inline(monkeypatch)
    row = _row(result)
    assert row.status == TaskResultStatus.READY and CALLS["k1"] == 2
    assert row.run_after == T0 + dt.timedelta(seconds=30 + 120)

    time_machine.move_to(T0 + dt.timedelta(seconds=150), tick=False)
    run_inline(monkeypatch)
    row = _row(result)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == "done after 3"
    assert row.task_result.attempts == 3
    assert marks("k1") == ["test:k1"]


def test_it_gives_up_after_its_retries_and_ends_failed(db, monkeypatch, time_machine, settings):
    settings.JOBS_RETRY_DELAYS = [30]
    time_machine.move_to(T0, tick=False)
    result = always_fails.enqueue("k2")  # retries=1: two attempts
    run_inline(monkeypatch)
    assert _row(result).status == TaskResultStatus.READY
    time_machine.move_to(T0 + dt.timedelta(minutes=1), tick=False)
    run_inline(monkeypatch)
    row = _row(result)
    assert row.status == TaskResultStatus.FAILED and CALLS["k2"] == 2
    assert row.task_result.attempts == 2
    time_machine.move_to(T0 + dt.timedelta(days=1), tick=False)
    run_inline(monkeypatch)
    assert CALLS["k2"] == 2, "a job that gave up is not run again"


def test_a_plain_django_task_is_not_retried(db, monkeypatch):
    result = testjobs.plain_fails.enqueue("k3")
    run_inline(monkeypatch)
    assert _row(result).status == TaskResultStatus.FAILED and CALLS["k3"] == 1


def test_enqueue_on_commit_waits_for_the_commit(transactional_db):
    with transaction.atomic():
        enqueue_on_commit(flaky, "k4", failures=0)
        assert not DBTaskResult.objects.exists()
    assert DBTaskResult.objects.get().args_kwargs == {"args": ["k4"], "kwargs": {"failures": 0}}


def test_enqueue_on_commit_queues_nothing_when_rolled_back(transactional_db):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(flaky, "k5", failures=0)
        raise RuntimeError
    assert not DBTaskResult.objects.exists()


def test_enqueue_on_commit_refuses_arguments_json_cannot_hold(db):
    with pytest.raises(TypeError):
        enqueue_on_commit(flaky, object(), failures=0)  # type: ignore[arg-type]
