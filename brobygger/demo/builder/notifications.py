"""Notifications for the demo logins: today's reminders, derived from the demo data exactly as
the daily job derives them (the worker's own run later the same day adds nothing: same keys),
and, for a login the data gives nothing today, one earlier notice that has been read, so every
demo user whose role gets notifications has a list to look at."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from brobygger.accounts.models import Role
from brobygger.demo.builder.context import DEMO_LOGINS, Demo
from brobygger.notifications.kinds import Channel
from brobygger.notifications.models import Notification
from brobygger.notifications.reminders.tasks import send_reminders
from brobygger.notifications.services import notify

# login -> (kind, count, url name): an earlier notice for a role that may have none today.
EARLIER: dict[str, tuple[str, int, str]] = {
    "deltaker": ("assessment_ready", 1, "my_assignment"),
    "underviser": ("attendance_not_taken", 1, "my_sessions"),
    "veileder": ("refund_period_ready", 1, "subsidy_agreement_list"),
}


def build_notifications(demo: Demo) -> None:
    send_reminders.call(demo.today.isoformat())
    held = set(Notification.objects.values_list("recipient_id", flat=True))
    at = timezone.make_aware(dt.datetime.combine(demo.today - dt.timedelta(days=2), dt.time(7)))
    for username, (kind, count, url_name) in EARLIER.items():
        user = demo.user(username)
        if user.pk in held:
            continue
        role, org_key = DEMO_LOGINS[username]
        scoped = role != Role.PARTICIPANT  # participant reminders carry no role (reminders/)
        notification = notify(
            recipient=user,
            kind=kind,
            key=f"demo:{kind}:{user.pk}",
            count=count,
            url=reverse(url_name),
            role=role if scoped else "",
            organisation_id=demo.orgs[org_key].pk if scoped else None,
        )
        if notification is None:
            continue
        # Two days old and read; mailed back then, unless the user gets it in the app only.
        mailed = None if notification.channel == Channel.IN_APP else at
        Notification.objects.filter(pk=notification.pk).update(
            created_at=at, read_at=at + dt.timedelta(hours=2), emailed_at=mailed
        )
