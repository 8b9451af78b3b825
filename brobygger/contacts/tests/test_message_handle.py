"""Mark a message handled (or open it again); audited, and only in the coordinator's county."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from brobygger.contacts.tests.factories import STAVANGER, coordinator_user_in, make_message
from brobygger.core.models import AuditEvent

OSLO = ZoneInfo("Europe/Oslo")


def handle_url(message):
    return reverse("contacts_message_handle", args=[message.pk])


def reopen_url(message):
    return reverse("contacts_message_reopen", args=[message.pk])


def test_anonymous_is_sent_to_login(client, db):
    message = make_message("4631")
    response = client.post(handle_url(message))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_get_is_405(client, personas):
    message = make_message("4631")
    client.force_login(personas.county_coordinator)
    assert client.get(handle_url(message)).status_code == 405
    assert client.get(reopen_url(message)).status_code == 405


def test_a_coordinator_in_another_county_gets_404(client, personas):
    message = make_message("4631")
    client.force_login(coordinator_user_in(STAVANGER))
    assert client.post(handle_url(message)).status_code == 404
    message.refresh_from_db()
    assert not message.is_handled


def test_other_roles_are_refused(client, personas):
    message = make_message("4631")
    client.force_login(personas.admin)
    assert client.post(handle_url(message)).status_code == 403


def test_the_coordinator_marks_a_message_handled(client, personas, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 2, 9, 30, tzinfo=OSLO), tick=False)
    message = make_message("4631")
    client.force_login(personas.county_coordinator)
    response = client.post(handle_url(message), {"status": "open", "side": "2"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('contacts_inbox')}?status=open&side=2"
    message.refresh_from_db()
    assert message.handled_by == personas.county_coordinator
    assert message.handled_at == timezone.now()
    event = AuditEvent.objects.get(object_type="contacts.contactmessage", action="handle")
    assert event.actor == personas.county_coordinator
    assert set(event.changes) == {"handled_at", "handled_by_id"}
    assert "Meldingen er merket som behandlet." in client.get(response["Location"]).content.decode()


def test_the_coordinator_opens_it_again(client, personas):
    message = make_message(
        "4631", handled_at=timezone.now(), handled_by=personas.county_coordinator
    )
    client.force_login(personas.county_coordinator)
    response = client.post(reopen_url(message), {"status": "handled"})
    assert response["Location"] == f"{reverse('contacts_inbox')}?status=handled"
    message.refresh_from_db()
    assert message.handled_at is None and message.handled_by is None
    assert AuditEvent.objects.filter(action="reopen", object_id=str(message.pk)).exists()


def test_marking_twice_changes_and_audits_nothing(client, personas):
    message = make_message("4631")
    client.force_login(personas.county_coordinator)
    client.post(handle_url(message))
    client.post(handle_url(message))
    assert AuditEvent.objects.filter(action="handle").count() == 1
