"""GET /deltakelser/<pk>/: the participant page for the coordinator and the caseworker."""

import datetime as dt

from django.urls import reverse

from brobygger.completion.services import completion_confirm
from brobygger.completion.tests.factories import add_sessions, attend, make_eligible
from brobygger.enrolments.models import Participant

# Fails the checksum, so it cannot be anyone's real number.
FAKE_FNR = "17089912345"


def url(enrolment):
    return reverse("enrolment_detail", args=[enrolment.pk])


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get(url(personas.enrolment))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_a_coordinator_in_another_organisation_gets_404(client, personas):
    client.force_login(personas.other_coordinator)
    assert client.get(url(personas.enrolment)).status_code == 404


def test_a_caseworker_gets_404_for_someone_they_did_not_refer(client, personas):
    client.force_login(personas.caseworker)
    assert client.get(url(personas.other_enrolment)).status_code == 404
    assert client.get(url(personas.stavanger_enrolment)).status_code == 404


def test_participants_use_their_own_page_instead(client, personas):
    client.force_login(personas.participant_user)
    assert client.get(url(personas.enrolment)).status_code == 403
    assert client.get(url(personas.other_enrolment)).status_code == 403


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.coordinator)
    assert client.put(url(personas.enrolment)).status_code == 405


def test_the_coordinator_sees_contact_details_progress_and_the_exception_form(client, personas):
    Participant.objects.filter(pk=personas.enrolment.participant_id).update(
        birth_date=dt.date(1985, 3, 4),
        email="dina@example.org",
        phone="400 00 000",
        national_id=FAKE_FNR,
    )
    attend(personas.enrolment, add_sessions(personas.cohort, 10), by=personas.teacher)
    client.force_login(personas.coordinator)

    response = client.get(url(personas.enrolment))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Dina Deltakersen" in html
    assert personas.cohort.name in html
    assert "04.03.1985" in html
    assert "dina@example.org" in html
    assert "400 00 000" in html
    assert FAKE_FNR not in html and "12345" not in html
    assert "60 av 180 timer, 0 av 20 uker, oppgave ikke levert" in html
    assert "<li>120 timer teori</li>" in html
    assert reverse("completion_confirm", args=[personas.enrolment.pk]) in html
    assert 'name="exception_reason"' in html
    assert "Bekreft fullføring som unntak" in html


def test_an_eligible_participant_gets_the_plain_form(client, personas):
    make_eligible(personas.enrolment, personas=personas)
    client.force_login(personas.coordinator)
    html = client.get(url(personas.enrolment)).content.decode()
    assert "Oppfyller alle kravene og er klar for fullføring." in html
    assert 'name="completed_on"' in html
    assert 'name="exception_reason"' not in html
    assert "Bekreft fullføring</button>" in html


def test_the_caseworker_sees_progress_but_no_contact_details_or_form(client, personas):
    Participant.objects.filter(pk=personas.enrolment.participant_id).update(
        email="dina@example.org"
    )
    client.force_login(personas.caseworker)
    response = client.get(url(personas.enrolment))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dina Deltakersen" in html
    assert "180 timer teori" in html
    assert "dina@example.org" not in html
    assert "Kontaktinformasjon" not in html
    assert reverse("completion_confirm", args=[personas.enrolment.pk]) not in html


def test_a_completed_exception_is_shown_with_its_reason(client, personas):
    completion_confirm(
        by=personas.coordinator,
        enrolment=personas.enrolment,
        completed_on=dt.date(2027, 4, 30),
        exception_reason="Godkjent etter avtale med NAV.",
    )
    client.force_login(personas.coordinator)
    html = client.get(url(personas.enrolment)).content.decode()
    assert "Fullført 30.04.2027" in html
    assert "Fullført som unntak" in html
    assert "Godkjent etter avtale med NAV." in html
    assert 'name="completed_on"' not in html
