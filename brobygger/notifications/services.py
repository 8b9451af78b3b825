"""Writes: make a notification (once per key), mark read, save preferences.

`notify` is what the reminder derivations and account security call. The mail, if the
recipient's preference says "at once", is queued only after the transaction commits, so a
rolled-back change mails nobody (tasks.py sends it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import uuid4

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.accounts.models import User
from brobygger.core.audit import audit_record
from brobygger.jobs import enqueue_on_commit
from brobygger.notifications import tasks
from brobygger.notifications.kinds import KINDS, Channel, kind_for
from brobygger.notifications.models import Notification, NotificationPreference


def _channel_for(recipient: User, kind: str) -> str:
    spec = kind_for(kind)
    if not recipient.email:
        return Channel.IN_APP  # no address: the app is the only way to tell them
    if spec.mandatory:
        return Channel.IMMEDIATE
    chosen = (
        NotificationPreference.objects.filter(user_id=recipient.pk, kind=kind)
        .values_list("channel", flat=True)
        .first()
    )
    return chosen or spec.default_channel


def _check_url(url: str) -> None:
    # Only a path in this app: a mail must never carry a link to somewhere else.
    if url and (not url.startswith("/") or url.startswith("//") or "\\" in url):
        raise ValueError("a notification links to a path in the app, not elsewhere")


def _enqueue_mail(notification_id: int) -> None:
    enqueue_on_commit(tasks.send_notification_email, notification_id)


def _taken(key: str) -> bool:
    return Notification.objects.filter(idempotency_key=key).exists()


@transaction.atomic
def notify(
    *,
    recipient: User,
    kind: str,
    key: str,
    count: int = 1,
    url: str = "",
    target: models.Model | None = None,
    role: str = "",
    organisation_id: int | None = None,
) -> Notification | None:
    """Tell `recipient` that `count` things of `kind` wait, once per `key` (the idempotency key,
    unique across all notifications: e.g. "timesheets_waiting:42:2026-12-07"). A second call with
    the same key, even at the same moment from another process, makes and sends nothing and
    returns None."""
    kind_for(kind)  # an unknown kind is a programming error: KeyError
    _check_url(url)
    if _taken(key):
        return None
    notification = Notification(
        recipient=recipient,
        kind=kind,
        count=count,
        url=url,
        role=role,
        organisation_id=organisation_id,
        idempotency_key=key,
        channel=_channel_for(recipient, kind),
    )
    if target is not None:
        notification.target_type = ContentType.objects.get_for_model(target)
        notification.target_id = target.pk
    notification.full_clean(validate_unique=False)
    try:
        # The unique key decides a race: the loser's insert fails inside this savepoint.
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        if Notification.objects.filter(idempotency_key=key).exists():
            return None  # another process made it first: it also sends the mail
        raise
    if notification.channel == Channel.IMMEDIATE:
        _enqueue_mail(notification.pk)
    return notification


def notification_mark_read(*, by: Any, notification: Notification) -> Notification:
    """Mark the user's own notification read (the view fetched it for `by`). No audit: the
    user's own reading state, like a mail client's."""
    if notification.recipient_id != by.pk:
        raise ValueError("only the recipient marks a notification read")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, by: Any) -> int:
    return Notification.objects.filter(recipient_id=by.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def preferences_save(*, by: Any, choices: Mapping[str, str]) -> dict[str, str]:
    """Save `by`'s channel per kind. All or nothing: an unknown kind or channel, or turning a
    mandatory kind away from immediate e-mail, raises ValidationError keyed by the kind."""
    errors: dict[str, str] = {}
    for code, channel in choices.items():
        spec = KINDS.get(code)
        if spec is None:
            errors["__all__"] = _("Ukjent type varsel.")
        elif channel not in Channel.values:
            errors[code] = _("Velg Straks, Daglig sammendrag eller Bare i appen.")
        elif spec.mandatory and channel != Channel.IMMEDIATE:
            errors[code] = _(
                "Varsler om innlogging og sikkerhet sendes alltid straks på e-post og kan ikke "
                "slås av."
            )
    if errors:
        raise ValidationError(errors)
    existing = {pref.kind: pref for pref in NotificationPreference.objects.filter(user_id=by.pk)}
    now = timezone.now()
    saved: dict[str, str] = {}
    for code, channel in choices.items():
        if KINDS[code].mandatory:
            continue  # fixed; nothing to store
        pref = existing.get(code)
        if pref is None:
            pref = NotificationPreference(user=by, kind=code, channel=channel, updated_at=now)
            pref.full_clean(validate_unique=False)
            pref.save()
            audit_record(by=by, action="create", obj=pref, changes={"channel": [None, channel]})
        elif pref.channel != channel:
            old = pref.channel
            pref.channel, pref.updated_at = channel, now
            pref.full_clean(validate_unique=False)
            pref.save(update_fields=["channel", "updated_at"])
            audit_record(by=by, action="update", obj=pref, changes={"channel": [old, channel]})
        saved[code] = channel
    return saved


def account_security_notify(*, user: User, event: str) -> Notification | None:
    """Tell the user their login changed (a password, an authenticator). Mandatory: always
    mailed at once when they have an address. The key is unique per event."""
    return notify(
        recipient=user,
        kind="account_security",
        key=f"account_security:{user.pk}:{event}:{uuid4().hex}",
        url=reverse("mfa_index"),
    )
