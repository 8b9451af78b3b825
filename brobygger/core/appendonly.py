"""Append-only logs (the audit trail, the read log) and keeping personal data out of them.

`AppendOnlyModel` refuses, in the app, to change or delete a saved row: `save()` only inserts,
`delete()` and the queryset's `update()`/`delete()` raise. The database refuses the same with
triggers (privacy/migrations/0003_append_only_triggers.py), so raw SQL cannot either.

Because such rows can never be changed, they must never hold personal data: retention could not
remove it later. `redact()` replaces the values of fields registered as personal with a marker
before an audit event is written; apps register their own fields with
`register_personal_fields("app.model", "field", ...)` (the privacy app does it for the apps that
came before it). The event still says which field changed, who changed it, and when.
"""

from __future__ import annotations

from typing import Any

from django.db import models

REDACTED = "[skjult]"

# model label ("enrolments.participant") -> fields whose values never go into an audit event.
PERSONAL_FIELDS: dict[str, frozenset[str]] = {}


class AppendOnlyError(Exception):
    """A change or deletion of an append-only row was attempted."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model._meta.label} is append-only: update refused.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model._meta.label} is append-only: delete refused.")


class AppendOnlyModel(models.Model):
    """Rows are inserted once and then never changed or deleted."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.label} is append-only: update refused.")
        kwargs["force_insert"] = True  # never an UPDATE, even with a primary key set
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self._meta.label} is append-only: delete refused.")


def register_personal_fields(label: str, *fields: str) -> None:
    """Mark fields of a model (by "app_label.model_name") as personal data."""
    key = label.lower()
    PERSONAL_FIELDS[key] = PERSONAL_FIELDS.get(key, frozenset()) | frozenset(fields)


def redact(label: str, changes: dict[str, Any]) -> dict[str, Any]:
    """The changes with personal values replaced by REDACTED. Empty values (None, "") stay,
    so the event still shows whether a field was set, changed or cleared."""
    personal = PERSONAL_FIELDS.get(label.lower(), frozenset())
    if not personal:
        return changes
    return {
        key: (
            [_hide(v) for v in value]
            if key in personal and isinstance(value, list | tuple)
            else (_hide(value) if key in personal else value)
        )
        for key, value in changes.items()
    }


def _hide(value: Any) -> Any:
    return value if value in (None, "") else REDACTED
