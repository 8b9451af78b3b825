"""The daily job hands each reminder to `notify`; a second run the same day sends nothing new."""

import datetime as dt

import pytest

from brobygger.assessments.models import Outcome
from brobygger.assessments.tests.factories import make_attempts
from brobygger.contacts.tests.factories import make_message

pytestmark = pytest.mark.django_db

services = pytest.importorskip("brobygger.notifications.services")
if not hasattr(services, "notify"):  # pragma: no cover - until the notifications helper lands
    pytest.skip("notifications.services.notify is not there yet", allow_module_level=True)


def test_it_notifies_once_per_key(personas, at):
    from brobygger.notifications.models import Notification
    from brobygger.notifications.reminders.tasks import send_reminders

    make_message()
    with at(dt.date(2026, 4, 10), hour=9):
        [submission] = make_attempts(
            personas.enrolment, 1, by=personas.coordinator, last_outcome=Outcome.APPROVED
        )
    with at(dt.date(2026, 4, 10), hour=23):
        assert send_reminders.call(day="2026-04-10") == 2
        assert send_reminders.call(day="2026-04-10") == 0
    made = {n.kind: n for n in Notification.objects.all()}
    assert set(made) == {"contact_message", "assessment_ready"}
    assert made["contact_message"].recipient == personas.county_coordinator
    assert made["assessment_ready"].recipient == personas.participant_user
    assert made["assessment_ready"].target_id == submission.assessment.pk
    assert made["assessment_ready"].url == "/meg/oppgave/"
