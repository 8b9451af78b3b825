"""Public "Finn din kontakt": a leader picks a municipality and gets the county coordinator(s)."""

import re

import pytest
from django.urls import reverse

from brobygger.contacts.tests.factories import make_entry, one_entry_per_county
from brobygger.organisations.models import County, Municipality

URL = reverse("contacts_find")


def test_anyone_may_open_it_without_logging_in(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Finn din kontakt i NAV" in html
    # A plain <select> with optgroups per county: works without JavaScript.
    assert html.count("<optgroup") == County.objects.count() == 15
    assert len(re.findall(r'<option value="\d{4}"', html)) == Municipality.objects.count() == 357
    assert '<optgroup label="Vestland">' in html


def test_wrong_method_is_405(client, db):
    assert client.post(URL).status_code == 405


def test_it_shows_the_active_coordinators_of_the_municipalitys_county(client, personas):
    entry = make_entry(
        by=personas.admin, municipality="4601", name="Frida Fylke", phone="55 11 22 33"
    )
    make_entry(
        by=personas.admin, municipality="4601", name="Gamle Gunnar"
    ).__class__.objects.filter(name="Gamle Gunnar").update(is_active=False)
    make_entry(by=personas.admin, municipality="1103", name="Rogaland Rita")
    html = client.get(URL, {"kommune": "4631"}).content.decode()  # Alver, Vestland
    assert "Kontakt for Alver (Vestland)" in html
    assert "Frida Fylke" in html
    assert f'href="mailto:{entry.email}"' in html
    assert 'href="tel:55112233"' in html
    assert "Gamle Gunnar" not in html
    assert "Rogaland Rita" not in html
    assert f"{reverse('contacts_message_create')}?kommune=4631" in html


def test_a_county_without_coordinator_gets_a_graceful_message(client, personas):
    make_entry(by=personas.admin, municipality="4601")
    response = client.get(URL, {"kommune": "1103"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vi har ikke registrert noen fylkeskoordinator for Rogaland ennå." in html
    assert "Ta kontakt med NAV-kontoret i Stavanger" in html
    assert reverse("contacts_message_create") not in html


def test_an_unknown_municipality_shows_a_norwegian_message(client, db):
    html = client.get(URL, {"kommune": "9999"}).content.decode()
    assert "Velg en kommune fra lista." in html
    assert "Kontakt for" not in html
    html = client.get(URL, {"kommune": ""}).content.decode()
    assert "Velg kommune." in html


@pytest.mark.django_db
def test_must_hold_find_your_contact_answers_for_all_357_municipalities(client, personas):
    entries = {entry.county_id: entry for entry in one_entry_per_county(by=personas.admin)}
    assert len(entries) == 15
    municipalities = list(Municipality.objects.select_related("county"))
    assert len(municipalities) == 357
    unanswered = []
    for municipality in municipalities:
        html = client.get(URL, {"kommune": municipality.number}).content.decode()
        expected = entries[municipality.county_id]
        if expected.name not in html or f"mailto:{expected.email}" not in html:
            unanswered.append(municipality.number)
    assert unanswered == []


def test_every_municipality_of_a_county_without_coordinator_gets_the_message(client, personas):
    entries = one_entry_per_county(by=personas.admin)
    troms = next(e for e in entries if e.county.name == "Troms")
    troms.__class__.objects.filter(pk=troms.pk).update(is_active=False)
    for municipality in Municipality.objects.filter(county=troms.county):
        html = client.get(URL, {"kommune": municipality.number}).content.decode()
        assert "Vi har ikke registrert noen fylkeskoordinator for Troms ennå." in html


def test_the_query_count_is_fixed(client, personas, django_assert_num_queries):
    for _ in range(2):
        make_entry(by=personas.admin, municipality="4601")
    # Municipalities for the select, the chosen one, its county's coordinators.
    with django_assert_num_queries(3):
        client.get(URL, {"kommune": "4601"})
    for _ in range(3):
        make_entry(by=personas.admin, municipality="4601")
    with django_assert_num_queries(3):
        client.get(URL, {"kommune": "4601"})
