"""Write audit events. Services call `audit_record` inside their transaction."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models

from brobygger.core.appendonly import redact
from brobygger.core.models import AuditEvent

# Set by RequestIdMiddleware so services need not pass the request around (core.requestid).
from brobygger.core.requestid import current_request_id  # noqa: F401


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime | dt.date | dt.time | decimal.Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The current values of a model's concrete fields, JSON-friendly, for diffing."""
    names = fields or [f.attname for f in instance._meta.concrete_fields]
    return {name: _jsonable(getattr(instance, name)) for name in names}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as {field: [old, new]}; new rows diff against {}."""
    return {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }


def _roles_label(user: Any) -> str:
    if user is None or not getattr(user, "pk", None):
        return ""
    from brobygger.accounts.models import Membership

    # The roles the actor held when acting: an ended membership is not one of them.
    rows = Membership.objects.active().filter(user=user).values_list("role", "organisation_id")
    return ", ".join(f"{role}@{org}" for role, org in rows)[:500]


def audit_record(
    *,
    by: Any,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
    organisation: Any = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=by if getattr(by, "pk", None) else None,
        actor_roles=_roles_label(by),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        organisation=organisation,
        # Personal values never enter the append-only trail (core/appendonly.py).
        changes=redact(obj._meta.label_lower, changes or {}),
        request_id=current_request_id.get(),
    )


def audit_create(*, by: Any, obj: models.Model, organisation: Any = None) -> AuditEvent:
    """Audit a new row: every field is recorded as changed from nothing."""
    return audit_record(
        by=by, action="create", obj=obj, changes=diff({}, snapshot(obj)), organisation=organisation
    )
