"""Public contact form: a leader writes to the county coordinators of their municipality."""

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from django.urls import reverse

from brobygger.contacts.models import ContactMessage
from brobygger.core.models import AuditEvent

OSLO = ZoneInfo("Europe/Oslo")
URL = reverse("contacts_message_create")
SENT = reverse("contacts_message_sent")


def data(**overrides):
    return {
        "sender_name": "Lise Leder",
        "sender_organisation": "Alver kommune, psykisk helse",
        "sender_email": "lise.leder@example.no",
        "sender_phone": "+47 55 12 34 56",
        "municipality": "4631",
        "body": "Vi vil ansette en medarbeider med brukererfaring i 50 prosent.",
        "website": "",
        **overrides,
    }


def test_anyone_may_open_the_form_with_the_municipality_chosen(client, db):
    response = client.get(URL, {"kommune": "4631"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="4631" selected>Alver</option>' in html
    # The honeypot is in the form but hidden from people and assistive technology.
    assert '<div class="visually-hidden" aria-hidden="true">' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html


def test_wrong_method_is_405(client, db):
    assert client.put(URL).status_code == 405


def test_a_message_lands_in_the_countys_inbox(client, vestland_entry, caplog):
    caplog.set_level(logging.DEBUG)
    response = client.post(URL, data())
    assert response.status_code == 302
    assert response["Location"] == SENT
    message = ContactMessage.objects.get()
    assert (message.county_id, message.municipality_id) == ("46", "4631")
    assert (message.sender_name, message.sender_email, message.sender_phone) == (
        "Lise Leder",
        "lise.leder@example.no",
        "+47 55 12 34 56",
    )
    assert not message.is_handled
    confirmation = client.get(SENT).content.decode()
    assert "Takk, meldingen er sendt" in confirmation
    # Nothing of the sender in logs.
    assert "Lise" not in caplog.text and "lise.leder" not in caplog.text


def test_the_audit_row_records_where_and_when_but_not_who_or_what(client, vestland_entry):
    client.post(URL, data())
    event = AuditEvent.objects.get(object_type="contacts.contactmessage")
    assert event.action == "create"
    assert event.actor is None
    assert set(event.changes) == {"county_id", "municipality_id", "received_at"}
    assert "Lise" not in str(event.changes) and "ansette" not in str(event.changes)


def test_the_honeypot_pretends_success_and_saves_nothing(client, vestland_entry):
    response = client.post(URL, data(website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == SENT
    assert not ContactMessage.objects.exists()


def test_bad_input_shows_norwegian_messages_and_saves_nothing(client, vestland_entry):
    response = client.post(
        URL,
        data(sender_name="", sender_email="ikke-en-adresse", sender_phone="ring meg", body=""),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Skriv navnet ditt." in html
    assert "Skriv en gyldig e-postadresse, for eksempel navn@kommune.no." in html
    assert "Skriv telefonnummeret med siffer" in html
    assert "Skriv en melding." in html
    html = client.post(URL, data(municipality="9999", body="x" * 5001)).content.decode()
    assert "Velg en kommune fra lista." in html
    assert "Meldingen kan ikke være lengre enn 5000 tegn." in html
    assert not ContactMessage.objects.exists()


def test_a_county_without_coordinator_is_refused_next_to_the_municipality(client, vestland_entry):
    response = client.post(URL, data(municipality="1103"))  # Stavanger, Rogaland
    html = response.content.decode()
    assert response.status_code == 200
    assert "Det er ingen fylkeskoordinator registrert for fylket ennå" in html
    assert 'id="id_municipality_error"' in html
    assert not ContactMessage.objects.exists()


def test_the_phone_is_optional(client, vestland_entry):
    client.post(URL, data(sender_phone=""))
    assert ContactMessage.objects.get().sender_phone == ""


def test_it_limits_messages_per_client_address(client, vestland_entry, settings):
    settings.CONTACT_MESSAGE_LIMIT = 2
    for _ in range(2):
        assert client.post(URL, data()).status_code == 302
    response = client.post(URL, data())
    assert response.status_code == 429
    assert "Det er sendt mange meldinger fra denne adressen" in response.content.decode()
    assert ContactMessage.objects.count() == 2
    # Another address still gets through.
    assert client.post(URL, data(), REMOTE_ADDR="192.0.2.77").status_code == 302
    assert ContactMessage.objects.count() == 3


def test_the_allowance_comes_back_after_the_window(client, vestland_entry, settings, time_machine):
    settings.CONTACT_MESSAGE_LIMIT = 1
    time_machine.move_to(dt.datetime(2026, 11, 2, 9, 0, tzinfo=OSLO), tick=False)
    assert client.post(URL, data()).status_code == 302
    time_machine.move_to(dt.datetime(2026, 11, 2, 9, 59, tzinfo=OSLO), tick=False)
    assert client.post(URL, data()).status_code == 429
    time_machine.move_to(dt.datetime(2026, 11, 2, 10, 0, 1, tzinfo=OSLO), tick=False)
    assert client.post(URL, data()).status_code == 302
    assert ContactMessage.objects.count() == 2


def test_honeypot_hits_use_up_the_allowance_too(client, vestland_entry, settings):
    settings.CONTACT_MESSAGE_LIMIT = 1
    client.post(URL, data(website="spam"))
    assert client.post(URL, data()).status_code == 429
    assert not ContactMessage.objects.exists()


def test_the_confirmation_page_is_public_and_get_only(client, db):
    assert client.get(SENT).status_code == 200
    assert client.post(SENT).status_code == 405
