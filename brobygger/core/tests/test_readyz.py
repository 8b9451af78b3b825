"""/readyz: 200 only with the database answering, every migration applied and a job worker
beating; otherwise 503 with a JSON body naming what failed."""

import datetime as dt

import pytest
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from brobygger.core import readiness
from brobygger.jobs.models import WorkerHeartbeat


@pytest.fixture(autouse=True)
def _fresh_process(monkeypatch):
    """Each test starts as a new server process would: migrations not yet seen applied."""
    monkeypatch.setattr(readiness, "_migrations_seen_applied", False)


def beat(*, seconds_ago: float) -> WorkerHeartbeat:
    seen = timezone.now() - dt.timedelta(seconds=seconds_ago)
    return WorkerHeartbeat.objects.create(
        worker_id=f"w-{seconds_ago}", hostname="app1", pid=1, started_at=seen, seen_at=seen
    )


@pytest.mark.django_db
def test_it_answers_ok_with_the_database_migrations_and_a_live_worker(
    client, django_assert_num_queries
):
    beat(seconds_ago=1)
    # SELECT 1, the migration table (is it there, what is applied), the heartbeat.
    with django_assert_num_queries(4):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "worker": "ok"},
    }
    assert response["Cache-Control"] == "no-store"
    # Seen applied once, the migrations are not loaded again by this process.
    with django_assert_num_queries(2):
        assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_it_answers_503_naming_the_worker_when_none_ever_ran(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "migrations": "ok", "worker": "stale"},
    }


@pytest.mark.django_db
def test_it_answers_503_when_the_last_heartbeat_is_older_than_the_stale_limit(client, settings):
    settings.JOBS_STALE_AFTER_SECONDS = 60
    beat(seconds_ago=61)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "stale"
    beat(seconds_ago=59)
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_it_answers_503_naming_the_migrations_when_one_is_not_applied(client, monkeypatch):
    beat(seconds_ago=1)
    applied = MigrationRecorder.applied_migrations

    def one_missing(self):
        rows = dict(applied(self))
        rows.pop(max(key for key in rows if key[0] == "core"))
        return rows

    monkeypatch.setattr(MigrationRecorder, "applied_migrations", one_missing)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "migrations": "pending", "worker": "ok"},
    }


@pytest.mark.django_db
def test_it_answers_503_naming_the_database_when_it_fails(client, monkeypatch):
    from django.db import connection

    beat(seconds_ago=1)

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "failed", "migrations": "not_checked", "worker": "not_checked"},
    }


def test_it_refuses_post(client):
    assert client.post("/readyz").status_code == 405
