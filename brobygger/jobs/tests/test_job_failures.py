"""/drift/jobber/: administrators see the jobs that gave up and the queue, nothing of what the
jobs were called with or the errors' messages."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from brobygger.jobs.services import heartbeat_record
from brobygger.jobs.tests.testjobs import CALLS, always_fails, flaky
from brobygger.jobs.tests.workers import run_inline

URL = reverse("job_failures")
T0 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Oslo"))


@pytest.fixture(autouse=True)
def _fresh_calls():
    CALLS.clear()
    yield
    CALLS.clear()


def _give_up(monkeypatch, time_machine, settings, *keys: str) -> None:  # type: ignore[no-untyped-def]
    settings.JOBS_RETRY_DELAYS = [30]
    time_machine.move_to(T0, tick=False)
    for key in keys:
        always_fails.enqueue(key)
    run_inline(monkeypatch)
    time_machine.move_to(T0 + dt.timedelta(minutes=1), tick=False)
    run_inline(monkeypatch)
    assert DBTaskResult.objects.failed().count() == len(keys)


def test_it_sends_anonymous_visitors_to_the_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["coordinator", "analyst", "caseworker", "participant_user"])
def test_it_refuses_everyone_but_administrators(client, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(URL).status_code == 403


def test_it_refuses_post(client, personas):
    client.force_login(personas.admin)
    assert client.post(URL).status_code == 405


def test_it_lists_a_job_that_gave_up_without_its_arguments_or_message(
    client, personas, monkeypatch, time_machine, settings
):
    _give_up(monkeypatch, time_machine, settings, "participant-4711")
    flaky.enqueue("waiting", failures=0)  # READY, not run
    client.force_login(personas.admin)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "brobygger.jobs.tests.testjobs.always_fails" in page
    assert "brobygger.jobs.tests.testjobs.Boom" in page
    assert "1 jobb ga opp" in page
    assert "02.03.2026 10:01" in page  # when it gave up (Europe/Oslo)
    counts = response.context["counts"]
    assert (counts.ready, counts.running, counts.failed) == (1, 0, 1)
    assert [r.task_result.attempts for r in response.context["page"].object_list] == [2]
    assert "participant-4711" not in page, "arguments are not shown"
    assert "secret detail" not in page and "Traceback" not in page


def test_it_says_when_no_worker_is_running(client, personas, time_machine):
    time_machine.move_to(T0, tick=False)
    client.force_login(personas.admin)
    assert "Ingen arbeider har meldt seg" in client.get(URL).content.decode()
    heartbeat_record(worker_id="w1")
    response = client.get(URL)
    assert response.context["counts"].workers == 1
    assert "Ingen arbeider har meldt seg" not in response.content.decode()


def test_it_keeps_a_fixed_query_count(
    client, personas, monkeypatch, time_machine, settings, django_assert_num_queries
):
    _give_up(monkeypatch, time_machine, settings, "a", "b")
    client.force_login(personas.admin)
    # session, user, roles; the queue by status, live workers; failed: count, page
    with django_assert_num_queries(7):
        assert client.get(URL).status_code == 200
    for key in ("c", "d", "e"):
        always_fails.enqueue(key)
    _give_up_more = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    _give_up_more.update(status=TaskResultStatus.FAILED, worker_ids=["w", "w"])
    with django_assert_num_queries(7):
        response = client.get(URL)
    assert len(response.context["page"].object_list) == 5
