"""Administrators add a county coordinator to the directory."""

from django.urls import reverse

from brobygger.contacts.models import CountyCoordinator
from brobygger.contacts.tests.factories import STAVANGER, coordinator_user_in
from brobygger.core.models import AuditEvent

URL = reverse("county_coordinator_create")


def data(personas, **overrides):
    return {
        "county": "46",
        "user": str(personas.county_coordinator.pk),
        "name": "Frida Fylke",
        "title": "Fylkeskoordinator for arbeid og psykisk helse",
        "email": "frida.fylke@nav.example.no",
        "phone": "55 11 22 33",
        **overrides,
    }


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_only_administrators_may_add(client, personas):
    client.force_login(personas.county_coordinator)
    assert client.get(URL).status_code == 403
    assert client.post(URL, data(personas)).status_code == 403
    assert not CountyCoordinator.objects.exists()


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.admin)
    assert client.put(URL).status_code == 405


def test_the_form_offers_accounts_with_the_role_grouped_by_organisation(client, personas):
    client.force_login(personas.admin)
    html = client.get(URL).content.decode()
    assert '<optgroup label="NAV Vestland (Vestland)">' in html
    assert f'value="{personas.county_coordinator.pk}"' in html
    assert f'value="{personas.caseworker.pk}"' not in html


def test_the_administrator_adds_a_coordinator(client, personas):
    client.force_login(personas.admin)
    response = client.post(URL, data(personas))
    assert response.status_code == 302
    assert response["Location"] == reverse("county_coordinator_list")
    entry = CountyCoordinator.objects.get()
    assert (entry.county_id, entry.user, entry.name, entry.is_active) == (
        "46",
        personas.county_coordinator,
        "Frida Fylke",
        True,
    )
    event = AuditEvent.objects.get(object_type="contacts.countycoordinator")
    assert (event.action, event.actor) == ("create", personas.admin)
    assert "Fylkeskoordinatoren er lagt til" in client.get(response["Location"]).content.decode()


def test_the_account_must_hold_the_role_in_that_county(client, personas):
    client.force_login(personas.admin)
    response = client.post(URL, data(personas, county="11"))  # Rogaland
    html = response.content.decode()
    assert "Brukeren er fylkeskoordinator ved en organisasjon i et annet fylke." in html
    assert 'id="id_county_error"' in html
    # A caseworker is not in the list at all.
    html = client.post(URL, data(personas, user=str(personas.caseworker.pk))).content.decode()
    assert "Velg en brukerkonto fra lista." in html
    assert not CountyCoordinator.objects.exists()


def test_an_account_is_listed_once_per_county(client, personas):
    client.force_login(personas.admin)
    client.post(URL, data(personas))
    html = client.post(URL, data(personas, name="Igjen")).content.decode()
    assert "Brukeren står allerede oppført i dette fylket." in html
    assert CountyCoordinator.objects.count() == 1


def test_bad_input_shows_norwegian_messages_and_saves_nothing(client, personas):
    client.force_login(personas.admin)
    html = client.post(
        URL, data(personas, name="", email="nei", phone="ring meg", county="")
    ).content.decode()
    assert "Skriv navnet som skal vises." in html
    assert "Skriv en gyldig e-postadresse." in html
    assert "Skriv telefonnummeret med siffer" in html
    assert "Velg fylke." in html
    assert not CountyCoordinator.objects.exists()


def test_another_countys_coordinator_can_be_added_there(client, personas):
    rogaland_user = coordinator_user_in(STAVANGER)
    client.force_login(personas.admin)
    client.post(URL, data(personas, county="11", user=str(rogaland_user.pk)))
    assert CountyCoordinator.objects.get().county_id == "11"
