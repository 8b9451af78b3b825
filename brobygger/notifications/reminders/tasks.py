"""The daily job that turns today's reminders into notifications."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Model
from django.utils import timezone

from brobygger.jobs import job
from brobygger.notifications.reminders import reminders_for_day


def _targets(targets: set[tuple[str, int]]) -> dict[tuple[str, int], Model]:
    """The target objects, one query per model (a handful of models)."""
    by_model: dict[str, set[int]] = {}
    for label, pk in targets:
        by_model.setdefault(label, set()).add(pk)
    found: dict[tuple[str, int], Model] = {}
    for label, pks in by_model.items():
        model = apps.get_model(label)
        for obj in model._default_manager.filter(pk__in=pks):
            found[(label, obj.pk)] = obj
    return found


@job(retries=3)
def send_reminders(day: str | None = None) -> int:
    """Send the reminders for `day` (ISO date; default today in Europe/Oslo). Returns how many
    notifications were created (a key already used gives none, so a rerun sends nothing new)."""
    from brobygger.accounts.models import User
    from brobygger.notifications.services import notify

    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    reminders = reminders_for_day(today)
    users = User.objects.in_bulk({r.recipient_id for r in reminders})
    targets = _targets({r.target for r in reminders if r.target is not None})
    sent = 0
    for r in reminders:
        recipient = users.get(r.recipient_id)
        if recipient is None:
            continue
        result = notify(
            recipient=recipient,
            kind=r.kind,
            key=r.key,
            count=r.count,
            url=r.url,
            target=targets.get(r.target) if r.target is not None else None,
            role=r.role,
            organisation_id=r.organisation_id,
        )
        if result is not None:
            sent += 1
    return sent
