"""The county coordinators' inbox: messages for the counties where they hold the role."""

from django.urls import reverse
from django.utils import timezone

from brobygger.contacts.tests.factories import STAVANGER, coordinator_user_in, make_message

URL = reverse("contacts_inbox")


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_other_roles_are_refused(client, personas):
    for user in (personas.coordinator, personas.admin, personas.caseworker):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.county_coordinator)
    assert client.post(URL).status_code == 405


def test_it_lists_open_messages_of_the_coordinators_county(client, personas):
    make_message("4631", sender_name="Alver Anne", body="Hei fra Alver")
    make_message("4601", sender_name="Bergen Berit", handled_at=timezone.now())
    make_message(STAVANGER, sender_name="Stavanger Stian")
    client.force_login(personas.county_coordinator)
    html = client.get(URL).content.decode()
    assert "Alver Anne" in html and "Hei fra Alver" in html
    assert "Bergen Berit" not in html  # handled: under "Behandlede"
    assert "Stavanger Stian" not in html  # another county
    assert "Ubehandlede (1)" in html and "Behandlede (1)" in html and "Alle (2)" in html


def test_the_filters_show_handled_and_all(client, personas):
    make_message("4631", sender_name="Alver Anne")
    make_message("4601", sender_name="Bergen Berit", handled_at=timezone.now())
    client.force_login(personas.county_coordinator)
    handled = client.get(URL, {"status": "handled"}).content.decode()
    assert "Bergen Berit" in handled and "Alver Anne" not in handled
    every = client.get(URL, {"status": "all"}).content.decode()
    assert "Bergen Berit" in every and "Alver Anne" in every
    # An unknown filter falls back to the open ones.
    assert "Alver Anne" in client.get(URL, {"status": "x"}).content.decode()


def test_a_coordinator_in_another_county_sees_none_of_them(client, personas):
    make_message("4631", sender_name="Alver Anne")
    client.force_login(coordinator_user_in(STAVANGER))
    html = client.get(URL, {"status": "all"}).content.decode()
    assert "Alver Anne" not in html
    assert "Ingen meldinger her." in html


def test_losing_the_role_closes_the_inbox_on_the_next_request(client, personas):
    make_message("4631")
    client.force_login(personas.county_coordinator)
    assert client.get(URL).status_code == 200
    personas.county_coordinator.memberships.all().delete()
    assert client.get(URL).status_code == 403


def test_the_text_is_escaped(client, personas):
    make_message("4631", body="<script>alert(1)</script>")
    client.force_login(personas.county_coordinator)
    html = client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_it_pages_through_many_messages(client, personas):
    for n in range(27):
        make_message("4631", sender_name=f"Avsender {n:02d}")
    client.force_login(personas.county_coordinator)
    first = client.get(URL).content.decode()
    assert "Side 1 av 2" in first
    second = client.get(URL, {"side": "2"}).content.decode()
    assert second.count('class="ds-card inbox-message"') == 2


def test_the_query_count_is_fixed(client, personas, django_assert_num_queries):
    client.force_login(personas.county_coordinator)
    for _ in range(2):
        make_message("4631", handled_at=timezone.now(), handled_by=personas.county_coordinator)
        make_message("4601")
    # Session and user, memberships, counties, page count, page rows, the counts.
    with django_assert_num_queries(7):
        client.get(URL, {"status": "all"})
    for _ in range(5):
        make_message("4631", handled_at=timezone.now(), handled_by=personas.county_coordinator)
        make_message("4601")
    with django_assert_num_queries(7):
        client.get(URL, {"status": "all"})
