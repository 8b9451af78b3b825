"""Test helpers for the privacy app (synthetic people only)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Max

from brobygger.accesslog.models import AccessEvent
from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Participant


def make_log_rows() -> tuple[AuditEvent, AccessEvent]:
    """One audit event and one read-log entry, needing no reference data (works after a
    transactional test's flush too)."""
    participant = Participant.objects.create(first_name="Test", last_name="Testesen")
    audit = AuditEvent.objects.create(action="create", object_type="x.y", object_id="1")
    access = AccessEvent.objects.create(participant=participant, shown="Deltakerside")
    return audit, access


@dataclass
class AuditCheck:
    """Filled in when the block ends: rows created or changed, and audit events written."""

    changed: set[tuple[str, str]] = field(default_factory=set)
    events: Counter[tuple[str, str]] = field(default_factory=Counter)


def _rows(model: type[models.Model]) -> dict[Any, dict[str, Any]]:
    return {row["pk"]: row for row in model._default_manager.values("pk", *_fields(model))}


def _fields(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if not f.primary_key]


@contextmanager
def audit_per_row(*watched: type[models.Model]) -> Iterator[AuditCheck]:
    """Snapshot the watched tables, run the block, and report which rows it created or
    changed (by comparing every column) and which audit events it wrote, per object."""
    check = AuditCheck()
    before = {model: _rows(model) for model in watched}
    last_event = AuditEvent.objects.aggregate(m=Max("id"))["m"] or 0
    yield check
    for model in watched:
        label = model._meta.label_lower
        for pk, row in _rows(model).items():
            if before[model].get(pk) != row:
                check.changed.add((label, str(pk)))
    check.events = Counter(
        AuditEvent.objects.filter(id__gt=last_event).values_list("object_type", "object_id")
    )


def assert_one_event_per_changed_row(check: AuditCheck) -> None:
    assert check.changed, "the block changed nothing: the test proves nothing"
    watched_types = {label for label, _pk in check.changed}
    events = {key: n for key, n in check.events.items() if key[0] in watched_types}
    expected = dict.fromkeys(check.changed, 1)
    wrong = {
        key: events.get(key, 0)
        for key in expected.keys() | events.keys()
        if events.get(key, 0) != expected.get(key, 0)
    }
    assert wrong == {}, f"objects with other than one audit event: {wrong}"
