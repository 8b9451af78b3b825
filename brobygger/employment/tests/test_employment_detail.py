from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.employment.tests.factories import make_employment


def url(employment):
    return reverse("employment_detail", args=[employment.pk])


def test_anonymous_is_sent_to_login(client, personas):
    assert "/konto/login" in client.get(url(make_employment(personas)))["Location"]


def test_another_municipality_gets_404_and_the_employer_403(client, personas):
    employment = make_employment(personas)
    client.force_login(personas.other_coordinator)
    assert client.get(url(employment)).status_code == 404
    client.force_login(personas.employer)
    assert client.get(url(employment)).status_code == 403


def test_post_is_not_allowed(client, personas):
    client.force_login(personas.coordinator)
    assert client.post(url(make_employment(personas))).status_code == 405


def test_the_coordinator_sees_benefit_funding_and_percent_and_the_read_is_logged(client, personas):
    employment = make_employment(personas)
    client.force_login(personas.coordinator)
    html = client.get(url(employment)).content.decode()
    assert "Arbeidsavklaringspenger (AAP)" in html
    assert "Ordinært budsjett" in html
    assert "50 %" in html
    event = AccessEvent.objects.get()
    assert event.participant_id == employment.participant_id
    assert event.actor == personas.coordinator


def test_the_caseworker_who_referred_sees_it_too(client, personas):
    client.force_login(personas.caseworker)
    assert client.get(url(make_employment(personas))).status_code == 200
