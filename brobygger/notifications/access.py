"""Fetch-and-authorise: a notification is its recipient's alone (anyone else gets 404)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from brobygger.core.access import acting_user
from brobygger.notifications.models import Notification
from brobygger.notifications.selectors import notifications_for


def notification_for_user(request_or_user: Any, pk: int) -> Notification:
    user = acting_user(request_or_user)
    notification = notifications_for(user=user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification
