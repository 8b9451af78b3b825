"""Helpers for anonymisers: clear fields row by row, one audit event per row changed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from brobygger.core.audit import audit_record, diff, snapshot
from brobygger.privacy.registry import AnonymiseResult

# Replaces free text that must not be empty (required fields, or where "there was a text"
# matters to statistics, e.g. a completion made as an exception).
PLACEHOLDER = "[anonymisert]"
ACTION = "anonymise"


def _empty(value: Any) -> bool:
    return value is None or value == ""


def clear_fields(
    rows: Iterable[models.Model],
    replacements: Mapping[str, Any],
    *,
    by: Any,
    organisation: Any = None,
    organisation_of: Any = None,
) -> AnonymiseResult:
    """Set each non-empty field in `replacements` to its replacement (an empty field stays
    empty), save only the changed rows, and audit each changed row once. Safe to repeat.

    `organisation_of(row)` gives the owning organisation for the audit event when rows belong
    to different ones; otherwise `organisation` is used."""
    result = AnonymiseResult()
    fields = list(replacements)
    for row in rows:
        before = snapshot(row, fields)
        changed = [
            name
            for name, value in replacements.items()
            if not _empty(getattr(row, name)) and getattr(row, name) != value
        ]
        if not changed:
            continue
        for name in changed:
            setattr(row, name, replacements[name])
        others = [f.name for f in row._meta.fields if f.name not in changed]
        row.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
        row.save(update_fields=changed)
        audit_record(
            by=by,
            action=ACTION,
            obj=row,
            changes=diff(before, snapshot(row, fields)),
            organisation=organisation_of(row) if organisation_of else organisation,
        )
        result.rows_changed += 1
    return result


def delete_rows(
    rows: Iterable[models.Model], *, by: Any, organisation: Any = None
) -> AnonymiseResult:
    """Delete rows that only identify the person (e.g. a login e-mail), auditing each."""
    result = AnonymiseResult()
    for row in rows:
        audit_record(by=by, action="anonymise_delete", obj=row, organisation=organisation)
        row.delete()
        result.rows_changed += 1
    return result
