"""Reads: a user's notifications, without the ones that no longer hold.

A notification is dropped, neither listed nor counted nor mailed, when the object it is about
has been deleted, when the recipient no longer holds the role (at the organisation) that
warranted it, or when the recipient's login is deactivated. The check runs in the database, so a
page of notifications costs the same few queries however many rows it shows.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet

from brobygger.accounts.models import Membership
from brobygger.notifications.kinds import KINDS
from brobygger.notifications.models import Notification, NotificationPreference


def _scope_held_q() -> Q:
    """The recipient still holds the role (at the organisation) the notification was for."""
    active = Membership.objects.active().filter(
        user_id=OuterRef("recipient_id"), role=OuterRef("role")
    )
    return (
        Q(role="")
        | Q(organisation__isnull=True) & Exists(active)
        | Q(organisation__isnull=False)
        & Exists(active.filter(organisation_id=OuterRef("organisation_id")))
    )


def _target_exists_q(type_ids: set[int]) -> Any:
    """The target object still exists (one EXISTS per kind of object)."""
    condition: Any = Q(target_type__isnull=True)
    for type_id in sorted(type_ids):
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:  # the model itself is gone: so is every object of it
            continue
        rows = model._base_manager.filter(pk=OuterRef("target_id"))
        condition |= Q(target_type_id=type_id) & Exists(rows)
    return condition


def _target_types(notifications: QuerySet[Notification]) -> set[int]:
    return set(
        notifications.filter(target_type__isnull=False)
        .order_by()
        .values_list("target_type_id", flat=True)
        .distinct()
    )


def still_valid(notifications: QuerySet[Notification]) -> QuerySet[Notification]:
    """Only the notifications that still hold. One query to find the kinds of target."""
    return notifications.filter(
        _scope_held_q(), _target_exists_q(_target_types(notifications)), recipient__is_active=True
    )


def notifications_for(*, user: Any) -> QuerySet[Notification]:
    """The user's own notifications that still hold, newest first (lazy)."""
    return still_valid(Notification.objects.filter(recipient_id=user.pk))


def unread_count(*, user: Any) -> int:
    """Two queries: the kinds of target, then the count."""
    return notifications_for(user=user).filter(read_at__isnull=True).count()


def is_still_valid(notification: Notification) -> bool:
    return still_valid(Notification.objects.filter(pk=notification.pk)).exists()


def channels_for(*, user: Any) -> dict[str, str]:
    """{kind: channel} for every kind: the user's choice, else the kind's default; a mandatory
    kind is always immediate."""
    chosen = dict(
        NotificationPreference.objects.filter(user_id=user.pk).values_list("kind", "channel")
    )
    return {
        code: kind.default_channel if kind.mandatory else chosen.get(code, kind.default_channel)
        for code, kind in KINDS.items()
    }
