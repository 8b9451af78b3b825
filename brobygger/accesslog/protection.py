"""Protected participants (skjerming): writes.

A coordinator marks a participant protected with a coded reason (e.g. employed in the same
service, protected address). From then on only users named in a ProtectedAccess grant see the
participant at all: the scopes in enrolments.access (and everything built on them) leave the
person out for everyone else, who get 404 on their pages. The person marking is granted
access in the same step, so nobody locks themself out; more users can be named at once.
Every view by a grant holder is flagged in the read log (accesslog.services).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.accesslog.models import ProtectedAccess
from brobygger.core.audit import audit_create, audit_record, diff, snapshot
from brobygger.enrolments.models import Participant, ProtectionReason

_AUDITED = [
    "is_protected",
    "protected_reason",
    "protected_reason_text",
    "protected_at",
    "protected_by_id",
]


def _check_reason(reason: str, reason_text: str) -> None:
    if reason not in ProtectionReason.values:
        raise ValidationError({"reason": _("Velg en grunn til skjermingen.")}, code="reason")
    if reason == ProtectionReason.OTHER and not reason_text.strip():
        raise ValidationError(
            {"reason_text": _("Beskriv grunnen når du velger «Annet».")}, code="reason_text"
        )


@transaction.atomic
def participant_protect(
    *,
    participant: Participant,
    by: Any,
    reason: str,
    reason_text: str = "",
    users: Iterable[Any] = (),
    organisation: Any = None,
) -> Participant:
    """Mark `participant` protected (or change the reason and who is named). `users` is the
    full list of named users besides `by`, who is always named (nobody locks themself out):
    grants for anyone else are revoked."""
    _check_reason(reason, reason_text)
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    before = snapshot(locked, _AUDITED)
    if not locked.is_protected:
        locked.is_protected = True
        locked.protected_at = timezone.now()
        locked.protected_by = by
    locked.protected_reason = reason
    locked.protected_reason_text = reason_text.strip() if reason == ProtectionReason.OTHER else ""
    locked.full_clean()
    changes = diff(before, snapshot(locked, _AUDITED))
    if changes:
        locked.save(update_fields=[name.removesuffix("_id") for name in changes])
        audit_record(
            by=by,
            action="protect" if "is_protected" in changes else "protect_reason",
            obj=locked,
            changes=changes,
            organisation=organisation,
        )
    users = list(users)
    keep = {by.pk, *(user.pk for user in users)}
    for user in [by, *users]:
        protected_access_grant(participant=locked, user=user, by=by, organisation=organisation)
    for grant in ProtectedAccess.objects.filter(participant=locked).exclude(user_id__in=keep):
        protected_access_revoke(
            participant=locked, user=grant.user, by=by, organisation=organisation
        )
    return locked


@transaction.atomic
def protected_access_grant(
    *, participant: Participant, user: Any, by: Any, organisation: Any = None
) -> ProtectedAccess:
    """Name `user` as one who may see the protected participant."""
    if participant.user_id is not None and participant.user_id == user.pk:
        raise ValidationError({"users": _("Deltakeren ser alltid sine egne opplysninger.")})
    existing = ProtectedAccess.objects.filter(participant=participant, user=user).first()
    if existing is not None:
        return existing
    grant = ProtectedAccess(participant=participant, user=user, granted_by=by)
    grant.full_clean()
    grant.save()
    audit_create(by=by, obj=grant, organisation=organisation)
    return grant


@transaction.atomic
def protected_access_revoke(
    *, participant: Participant, user: Any, by: Any, organisation: Any = None
) -> None:
    """Take `user` off the list. The last name cannot be removed while the participant is
    protected (nobody could reach them); lift the protection instead."""
    grants = list(ProtectedAccess.objects.select_for_update().filter(participant=participant))
    grant = next((g for g in grants if g.user_id == user.pk), None)
    if grant is None:
        return
    if len(grants) == 1:
        raise ValidationError(
            {"users": _("Minst én person må ha tilgang så lenge deltakeren er skjermet.")},
            code="last_grant",
        )
    audit_record(
        by=by,
        action="delete",
        obj=grant,
        changes={"deleted": snapshot(grant)},
        organisation=organisation,
    )
    grant.delete()


@transaction.atomic
def participant_unprotect(
    *, participant: Participant, by: Any, organisation: Any = None
) -> Participant:
    """Lift the protection: the participant is seen by everyone in scope again, and the
    grants go (a later protection names its users afresh)."""
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    if not locked.is_protected:
        return locked
    before = snapshot(locked, _AUDITED)
    locked.is_protected = False
    locked.protected_reason = ""
    locked.protected_reason_text = ""
    locked.protected_at = None
    locked.protected_by = None
    locked.full_clean()
    locked.save(update_fields=[name.removesuffix("_id") for name in _AUDITED])
    audit_record(
        by=by,
        action="unprotect",
        obj=locked,
        changes=diff(before, snapshot(locked, _AUDITED)),
        organisation=organisation,
    )
    for grant in ProtectedAccess.objects.filter(participant=locked):
        audit_record(
            by=by,
            action="delete",
            obj=grant,
            changes={"deleted": snapshot(grant)},
            organisation=organisation,
        )
        grant.delete()
    return locked
