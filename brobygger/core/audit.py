"""Write audit events. Services call `audit_record` inside their transaction."""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models

from brobygger.core.appendonly import redact
from brobygger.core.models import AuditEvent

# Set by RequestIdMiddleware so services need not pass the request around (core.requestid).
from brobygger.core.requestid import current_request_id  # noqa: F401

# Set by the REST API while a machine client's write runs (api/actor.py): the audit row then
# names the client ("api_client «name»@org") where a person's roles would stand.
current_actor_label: contextvars.ContextVar[str] = contextvars.ContextVar(
    "current_actor_label", default=""
)


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


# The actor's roles label for the request in progress: (request id, user pk, label). A request
# that writes many audit rows (the attendance grid, a bulk action) looks the roles up once.
_roles_seen: contextvars.ContextVar[tuple[str, Any, str] | None] = contextvars.ContextVar(
    "audit_roles_seen", default=None
)


def _label(rows: Iterable[tuple[str, Any]]) -> str:
    return ", ".join(f"{role}@{org}" for role, org in rows)[:500]


def remember_roles(user: Any, rows: Iterable[tuple[str, Any]]) -> None:
    """The (role, organisation) pairs the request's user holds now, as the access check read
    them (core.access.user_memberships): the audit rows of this request use them."""
    request_id = current_request_id.get()
    if request_id and getattr(user, "pk", None):
        _roles_seen.set((request_id, user.pk, _label(rows)))


def _roles_label(user: Any) -> str:
    machine = current_actor_label.get()
    if machine:  # an API client's write: its name, not a person's roles
        return machine[:500]
    if user is None or not getattr(user, "pk", None):
        return ""
    request_id = current_request_id.get()
    seen = _roles_seen.get()
    if request_id and seen is not None and seen[:2] == (request_id, user.pk):
        return seen[2]
    from brobygger.accounts.models import Membership

    # The roles the actor held when acting: an ended membership is not one of them. Within one
    # request (a request id set by the middleware) that is the roles as the request first read
    # them, by its access check or its first audit row: one lookup however many rows it audits.
    rows = list(
        Membership.objects.active().filter(user=user).values_list("role", "organisation_id")
    )
    remember_roles(user, rows)
    return _label(rows)


def _event(
    *, by: Any, roles: str, action: str, obj: models.Model, changes: dict[str, Any] | None,
    organisation: Any,
) -> AuditEvent:  # fmt: skip
    return AuditEvent(
        actor=by if getattr(by, "pk", None) else None,
        actor_roles=roles,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        organisation=organisation,
        # Personal values never enter the append-only trail (core/appendonly.py).
        changes=redact(obj._meta.label_lower, changes or {}),
        request_id=current_request_id.get(),
    )


def audit_record(
    *,
    by: Any,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
    organisation: Any = None,
) -> AuditEvent:
    event = _event(
        by=by, roles=_roles_label(by), action=action, obj=obj, changes=changes,
        organisation=organisation,
    )  # fmt: skip
    event.save()  # append-only: always an INSERT
    return event


def audit_create(*, by: Any, obj: models.Model, organisation: Any = None) -> AuditEvent:
    """Audit a new row: every field is recorded as changed from nothing."""
    return audit_record(
        by=by, action="create", obj=obj, changes=diff({}, snapshot(obj)), organisation=organisation
    )


@dataclass(frozen=True)
class Audit:
    """One audit event to write with `audit_record_many`."""

    action: str
    obj: models.Model
    changes: dict[str, Any] | None = None
    organisation: Any = None

    @classmethod
    def create(cls, obj: models.Model, organisation: Any = None) -> Audit:
        """A new row, as `audit_create` records it."""
        return cls("create", obj, diff({}, snapshot(obj)), organisation)


def audit_record_many(*, by: Any, events: Sequence[Audit]) -> list[AuditEvent]:
    """Audit many rows changed by one action in one INSERT and one roles lookup: the same rows
    `audit_record` would write one by one, in the order given (the database links each into the
    hash chain on insert, ADR 0013)."""
    if not events:
        return []
    roles = _roles_label(by)
    return AuditEvent.objects.bulk_create(
        [
            _event(
                by=by,
                roles=roles,
                action=e.action,
                obj=e.obj,
                changes=e.changes,
                organisation=e.organisation,
            )  # fmt: skip
            for e in events
        ]
    )
