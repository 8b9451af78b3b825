"""The demo (`make run`): its users see notifications, derived from the demo data like the
daily job derives them, and the job's own run later that day adds none twice."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from brobygger.accounts.models import User
from brobygger.demo.builder import load_demo
from brobygger.notifications.models import Notification
from brobygger.notifications.reminders.tasks import send_reminders
from brobygger.notifications.selectors import notifications_for

pytestmark = pytest.mark.django_db

THURSDAY = dt.datetime(2026, 12, 3, 9, tzinfo=ZoneInfo("Europe/Oslo"))
# The logins whose role gets notifications (employers, analysts and admins get none but account
# security).
NOTIFIED = [
    "koordinator",
    "underviser",
    "praksisveileder",
    "veileder",
    "fylkeskoordinator",
    "deltaker",
]


def test_the_demo_users_have_notifications(time_machine):
    time_machine.move_to(THURSDAY, tick=False)
    assert load_demo(today=THURSDAY.date())
    users = User.objects.in_bulk(NOTIFIED, field_name="username")
    seen = {name: list(notifications_for(user=user)) for name, user in users.items()}
    assert [name for name, notifications in seen.items() if not notifications] == []
    # Today's are unread; an earlier notice (for a role with none today) has been read.
    assert any(n.read_at is None for n in seen["koordinator"])
    assert all(n.url.startswith("/") for ns in seen.values() for n in ns)
    count = Notification.objects.count()
    assert send_reminders.call() == 0  # the worker's run at 06:00 the next time: nothing new
    assert Notification.objects.count() == count
