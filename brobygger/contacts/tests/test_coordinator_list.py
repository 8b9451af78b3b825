"""Administrators see the whole directory, county by county."""

from django.urls import reverse

from brobygger.contacts.tests.factories import make_entry

URL = reverse("county_coordinator_list")


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_only_administrators_may_see_it(client, personas):
    for user in (personas.county_coordinator, personas.coordinator):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.admin)
    assert client.post(URL).status_code == 405


def test_it_lists_every_county_and_flags_the_empty_ones(client, personas):
    make_entry(by=personas.admin, municipality="4601", name="Frida Fylke")
    inactive = make_entry(by=personas.admin, municipality="4601", name="Gamle Gunnar")
    inactive.__class__.objects.filter(pk=inactive.pk).update(is_active=False)
    client.force_login(personas.admin)
    html = client.get(URL).content.decode()
    assert "Frida Fylke" in html and "Gamle Gunnar" in html
    assert "Deaktivert" in html
    assert html.count("Ingen fylkeskoordinator</span>") == 14
    assert "1 av 15 fylker har en aktiv fylkeskoordinator." in html
    assert reverse("county_coordinator_edit", args=[inactive.pk]) in html
    assert reverse("county_coordinator_activate", args=[inactive.pk]) in html


def test_the_query_count_is_fixed(client, personas, django_assert_num_queries):
    client.force_login(personas.admin)
    for _ in range(2):
        make_entry(by=personas.admin, municipality="4601")
    with django_assert_num_queries(5):  # session, user, memberships, counties, entries
        client.get(URL)
    for municipality in ("1103", "0301", "5501"):
        make_entry(by=personas.admin, municipality=municipality)
    with django_assert_num_queries(5):
        client.get(URL)
