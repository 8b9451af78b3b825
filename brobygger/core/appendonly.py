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

from functools import cache
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
    """Mark fields of a model (by "app_label.model_name") as personal data: retention clears
    them, and they are redacted in the audit trail whatever their type."""
    key = label.lower()
    PERSONAL_FIELDS[key] = PERSONAL_FIELDS.get(key, frozenset()) | frozenset(fields)


def unregistered_fields(model: type[models.Model]) -> list[str]:
    """The attnames of the model's concrete fields not registered as personal, its key left
    out: for an audit row that leaves the personal fields out altogether, rather than noting
    that they were set (a message sent anonymously)."""
    personal = PERSONAL_FIELDS.get(model._meta.label_lower, frozenset())
    return [
        f.attname
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in personal and f.attname not in personal
    ]


# model label -> text, e-mail and date fields declared *not* personal (a cohort's name, a
# session's date): only these keep their values in the audit trail (deny by default).
# ALL_FIELDS declares a whole model about no person (a published guidance page).
NON_PERSONAL_FIELDS: dict[str, frozenset[str]] = {}
ALL_FIELDS = "*"


def register_non_personal_fields(label: str, *fields: str) -> None:
    key = label.lower()
    NON_PERSONAL_FIELDS[key] = NON_PERSONAL_FIELDS.get(key, frozenset()) | frozenset(fields)


# Field types whose values can describe a person: free text, addresses, dates, JSON. Numbers,
# booleans, keys and coded values (fields with choices) say nothing on their own.
_REVEALING = (
    models.CharField,
    models.TextField,
    models.DateField,
    models.TimeField,
    models.DurationField,
    models.JSONField,
    models.GenericIPAddressField,
    models.FileField,
)


@cache
def redacted_fields(label: str) -> frozenset[str]:
    """The attnames of `label`'s fields whose values never enter the audit trail: the
    registered personal ones, and every text, e-mail or date field not declared
    non-personal. A field added later is redacted until someone declares it harmless."""
    from django.apps import apps

    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return PERSONAL_FIELDS.get(label, frozenset())
    allowed = NON_PERSONAL_FIELDS.get(label, frozenset())
    if ALL_FIELDS in allowed:
        return PERSONAL_FIELDS.get(label, frozenset())
    revealing = {
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, _REVEALING)
        and not field.choices
        and not field.primary_key
        and field.name not in allowed
        and field.attname not in allowed
    }
    return frozenset(revealing) | PERSONAL_FIELDS.get(label, frozenset())


def redact(label: str, changes: dict[str, Any]) -> dict[str, Any]:
    """The changes with personal values replaced by REDACTED. Empty values (None, "") stay,
    so the event still shows whether a field was set, changed or cleared. A key that is no
    field of the model (a computed change) is redacted too, unless declared non-personal."""
    label = label.lower()
    hidden = redacted_fields(label)
    allowed = NON_PERSONAL_FIELDS.get(label, frozenset())
    known = _field_names(label)
    result: dict[str, Any] = {}
    everything = ALL_FIELDS in allowed
    for key, value in changes.items():
        computed = key not in known and key not in allowed and not everything
        secret = key in hidden or (computed and _has_text(value))
        if secret and isinstance(value, list | tuple):
            result[key] = [_hide_all(v) for v in value]
        else:
            result[key] = _hide(value) if secret else value
    return result


@cache
def _field_names(label: str) -> frozenset[str]:
    from django.apps import apps

    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return frozenset()
    return frozenset(
        name for field in model._meta.concrete_fields for name in (field.name, field.attname)
    )


def _has_text(value: Any) -> bool:
    """A computed change is redacted when it carries text (a name, a date as a string);
    numbers, booleans and lists of ids say nothing on their own."""
    if isinstance(value, list | tuple):
        return any(_has_text(v) for v in value)
    return isinstance(value, str) and value != ""


def _hide(value: Any) -> Any:
    return value if value in (None, "") else REDACTED


def _hide_all(value: Any) -> Any:
    """One side of an [old, new] change; a list of texts (tag names) goes as a whole."""
    return value if value in (None, "", []) else REDACTED
