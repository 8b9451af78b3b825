"""Notification routes for the authorisation matrix: a notification is its recipient's alone."""

from __future__ import annotations

from typing import Any

from brobygger.notifications.services import notify


def _coordinators_notification(p: Any) -> Any:
    return notify(
        recipient=p.coordinator,
        kind="followups_due",
        key=f"followups_due:{p.coordinator.pk}:scoping",
        count=2,
        url="/",
    )


OBJECTS = {"notification_read": _coordinators_notification}

# Read-log entries a permitted GET writes (accesslog/tests/test_route_walk.py): none of these
# pages shows a participant's data (a count and a link only).
ACCESS_LOG = {
    "notification_list": 0,
    "notification_badge": 0,
    "notification_read": 0,  # POST only
    "notifications_read_all": 0,  # POST only
    "notification_preferences": 0,
}
