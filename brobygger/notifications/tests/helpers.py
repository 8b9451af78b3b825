"""Shared by the notification tests: a recipient with an address, and the personas' names."""

from __future__ import annotations

from typing import Any

from brobygger.notifications.models import Notification
from brobygger.notifications.services import notify


def with_email(user: Any, address: str | None = None) -> Any:
    user.email = address or f"{user.username}@example.invalid"
    user.save(update_fields=["email"])
    return user


def persona_names(personas: Any) -> set[str]:
    """Every first and last name of the test personas, staff and participants."""
    from brobygger.accounts.models import User
    from brobygger.enrolments.models import Participant

    names: set[str] = set()
    for first, last in User.objects.values_list("first_name", "last_name"):
        names |= {first, last}
    for first, last in Participant.objects.values_list("first_name", "last_name"):
        names |= {first, last}
    return {name for name in names if name and len(name) > 2 and name != "Test"}


def followups(user: Any, key: str = "k1", **kwargs: Any) -> Any:
    return notify(
        recipient=user,
        kind=kwargs.pop("kind", "followups_due"),
        key=f"{key}:{user.pk}",
        count=kwargs.pop("count", 3),
        url=kwargs.pop("url", "/oppfolging/"),
        **kwargs,
    )


def made(notification: Notification | None) -> Notification:
    assert notification is not None
    return notification
