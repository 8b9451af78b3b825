"""Optimistic locking on edit forms (core/concurrency.py, ADR 0014): of many saves made from
the same loaded version exactly one is applied; a forged token is refused with a message; a
save without a token is accepted."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from brobygger.core.concurrency import (
    BAD_EDIT_TOKEN,
    STALE_EDIT,
    check_unchanged,
    edit_token,
)
from brobygger.core.models import AuditEvent
from brobygger.core.tests.stale import STALE, loaded_token
from brobygger.organisations.models import County, Municipality
from brobygger.organisations.reference_data import load_reference_data
from brobygger.programmes import services
from brobygger.programmes.models import Cohort
from brobygger.programmes.tests.factories import BEFORE_START, frozen
from brobygger.testing import build_personas

N = 20
FIELDS = services.COHORT_EDIT_FIELDS


def _post_data(cohort: Cohort, **overrides: object) -> dict[str, object]:
    return {
        "name": cohort.name,
        "version": cohort.version_id,
        "start_date": cohort.start_date.isoformat(),
        "end_date": cohort.end_date.isoformat(),
        "capacity": str(cohort.capacity),
        "place": cohort.place,
        "coordinators": list(cohort.coordinators.values_list("pk", flat=True)),
        "teachers": list(cohort.teachers.values_list("pk", flat=True)),
        **overrides,
    }


def test_twenty_saves_from_one_loaded_version_apply_exactly_one(personas):
    cohort = personas.cohort
    edit = reverse("cohort_edit", args=[cohort.pk])
    clients = []
    with frozen(BEFORE_START):
        for _ in range(N):
            client = Client()
            client.force_login(personas.coordinator)
            clients.append((client, loaded_token(client, edit)))
        assert len({token for _, token in clients}) == 1  # all loaded the same version
        responses = [
            client.post(edit, _post_data(cohort, place=f"Sted {i}", edit_token=token))
            for i, (client, token) in enumerate(clients)
        ]
    assert [r.status_code for r in responses].count(302) == 1
    refused = [r for r in responses if r.status_code == 200]
    assert len(refused) == N - 1
    assert all(STALE in r.content.decode() for r in refused)
    cohort.refresh_from_db()
    assert cohort.place == "Sted 0"
    updates = AuditEvent.objects.filter(
        object_type="programmes.cohort", object_id=str(cohort.pk), action="update"
    )
    assert updates.count() == 1


def test_twenty_simultaneous_saves_from_one_version_apply_exactly_one(transactional_db):
    """Threads, each on its own database connection, meet at a barrier and save at once: the
    row lock (select_for_update; SQLite's write lock) makes check and write one step."""
    # Real commits: an earlier transactional test's flush may have removed the reference data.
    load_reference_data(County, Municipality)
    personas = build_personas()
    cohort = personas.cohort
    fields: dict[str, Any] = {
        "version": cohort.version,
        "name": cohort.name,
        "start_date": cohort.start_date,
        "end_date": cohort.end_date,
        "capacity": cohort.capacity,
        "coordinators": list(cohort.coordinators.all()),
        "teachers": list(cohort.teachers.all()),
    }
    token = edit_token(cohort, FIELDS)
    barrier = threading.Barrier(N)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(i: int) -> str:
        try:
            services.cohort_update(
                by=personas.coordinator,
                cohort=cohort,
                place=f"Sted {i}",
                edit_token=token,
                today=BEFORE_START.date(),
                **fields,
            )
        except ValidationError as exc:
            return exc.code or "invalid"
        return "saved"

    def save(i: int) -> None:
        outcome = "not run"
        try:
            barrier.wait(timeout=30)
            deadline = time.monotonic() + 30
            while True:
                try:
                    outcome = attempt(i)
                    break
                except OperationalError as exc:
                    # SQLite's in-memory test database shares one cache between connections,
                    # and its table locks fail at once where the app's file database waits
                    # (timeout 20 s): try again here instead. PostgreSQL waits on the row lock.
                    sqlite_locked = connection.vendor == "sqlite" and "locked" in str(exc)
                    if not sqlite_locked or time.monotonic() > deadline:
                        raise
        except Exception as exc:  # reported below, never swallowed
            outcome = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(N)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == sorted(["saved"] + [STALE_EDIT] * (N - 1)), outcomes
    cohort.refresh_from_db()
    assert cohort.place.startswith("Sted ")
    updates = AuditEvent.objects.filter(
        object_type="programmes.cohort", object_id=str(cohort.pk), action="update"
    )
    assert updates.count() == 1


def test_a_token_for_another_record_is_refused_as_forged(personas):
    other = personas.other_cohort
    token = edit_token(other, FIELDS)
    with pytest.raises(ValidationError) as refused:
        check_unchanged(personas.cohort, token, FIELDS)
    assert refused.value.code == BAD_EDIT_TOKEN
    assert "Ingenting er lagret." in refused.value.messages[0]


def test_a_tampered_token_is_refused_as_forged(personas):
    token = edit_token(personas.cohort, FIELDS)
    with pytest.raises(ValidationError) as refused:
        check_unchanged(personas.cohort, token[:-2] + "xx", FIELDS)
    assert refused.value.code == BAD_EDIT_TOKEN


def test_the_current_token_and_no_token_pass(personas):
    check_unchanged(personas.cohort, edit_token(personas.cohort, FIELDS), FIELDS)
    check_unchanged(personas.cohort, None, FIELDS)
    check_unchanged(personas.cohort, "", FIELDS)


def test_the_message_names_only_the_changed_fields_with_their_new_values(personas):
    cohort = personas.cohort
    token = edit_token(cohort, FIELDS)
    Cohort.objects.filter(pk=cohort.pk).update(place="Fana", start_date="2026-08-20")
    cohort.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        check_unchanged(cohort, token, FIELDS)
    assert refused.value.code == STALE_EDIT
    assert refused.value.messages == [
        "Noen andre har lagret endringer mens du redigerte: Startdato (nå «20.08.2026»), "
        "Sted (nå «Fana»). Se over og lagre på nytt. Ingenting er lagret."
    ]
    assert refused.value.fresh_token == edit_token(cohort, FIELDS)  # type: ignore[attr-defined]
