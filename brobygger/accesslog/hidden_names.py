"""Hiding a staff member's name in participants' read log: writes.

Participants see who looked at their data by name, role and organisation (ADR 0009,
amendment 2). An administrator may hide one named employee's name, e.g. one under threat,
with a coded reason; they then appear by role and organisation only. Both the hiding and
the lifting are audited. The reason is for the administrators, never for participants.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from brobygger.accesslog.models import HiddenNameReason, HiddenStaffName
from brobygger.accounts.models import Role
from brobygger.core.access import user_roles
from brobygger.core.appendonly import REDACTED
from brobygger.core.audit import audit_record, diff, snapshot

# The free-text description can say more about the employee than the trail should keep for
# ever: the audit event records that it changed, not what it says (core/appendonly.py).
_AUDITED = ["user_id", "reason", "reason_text", "set_by_id"]


def _redacted(changes: dict[str, Any]) -> dict[str, Any]:
    if "reason_text" in changes:
        changes["reason_text"] = [REDACTED if value else value for value in changes["reason_text"]]
    return changes


def _check(user: Any, reason: str, reason_text: str) -> None:
    if reason not in HiddenNameReason.values:
        raise ValidationError({"reason": _("Velg en grunn.")}, code="reason")
    if reason == HiddenNameReason.OTHER and not reason_text.strip():
        raise ValidationError(
            {"reason_text": _("Beskriv grunnen når du velger «Annet».")}, code="reason_text"
        )
    roles = user_roles(user)
    if not roles or roles == {Role.PARTICIPANT}:
        raise ValidationError(
            {"user": _("Bare ansatte med en rolle står med navn i innsynsloggen.")},
            code="not_staff",
        )


@transaction.atomic
def staff_name_hide(*, user: Any, reason: str, reason_text: str = "", by: Any) -> HiddenStaffName:
    """Hide `user`'s name on participants' read-log pages (or change the reason)."""
    _check(user, reason, reason_text)
    text = reason_text.strip() if reason == HiddenNameReason.OTHER else ""
    existing = HiddenStaffName.objects.select_for_update().filter(user=user).first()
    if existing is None:
        hidden = HiddenStaffName(user=user, reason=reason, reason_text=text, set_by=by)
        hidden.full_clean()
        hidden.save()
        changes = diff(dict.fromkeys(_AUDITED), snapshot(hidden, _AUDITED))
        audit_record(by=by, action="create", obj=hidden, changes=_redacted(changes))
        return hidden
    before = snapshot(existing, _AUDITED)
    existing.reason, existing.reason_text = reason, text
    existing.full_clean()
    changes = diff(before, snapshot(existing, _AUDITED))
    if changes:
        existing.save(update_fields=list(changes))
        audit_record(by=by, action="update", obj=existing, changes=_redacted(changes))
    return existing


@transaction.atomic
def staff_name_show(*, hidden: HiddenStaffName, by: Any) -> None:
    """Lift the exception: the name is shown again, also on entries written before."""
    deleted = _redacted({k: [v] for k, v in snapshot(hidden, _AUDITED).items()})
    audit_record(
        by=by,
        action="delete",
        obj=hidden,
        changes={"deleted": {k: v[0] for k, v in deleted.items()}},
    )
    hidden.delete()
