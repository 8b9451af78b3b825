"""The API client pages: who may use them, shown once, stored hashed, audited, bad input."""

import pytest
from django.urls import reverse

from brobygger.api.models import ApiClient
from brobygger.api.tests.factories import make_client
from brobygger.core.models import AuditEvent
from brobygger.core.tokens import digest

pytestmark = pytest.mark.django_db


def list_url(org):
    return reverse("api_client_list", args=[org.pk])


def create_url(org):
    return reverse("api_client_create", args=[org.pk])


def revoke_url(org, client):
    return reverse("api_client_revoke", args=[org.pk, client.pk])


def create(client, org, **data):
    payload = {"name": "Kommunens fagsystem", "scopes": ["enrolments:read", "cohorts:read"]}
    payload.update(data)
    return client.post(create_url(org), payload)


def test_anonymous_is_sent_to_login(client, personas):
    for url in (list_url(personas.bergen), create_url(personas.bergen)):
        assert "/konto/login" in client.get(url)["Location"]


def test_other_roles_are_refused(client, personas):
    for user in (personas.teacher, personas.caseworker, personas.participant_user):
        client.force_login(user)
        assert client.get(list_url(personas.bergen)).status_code == 403
        assert create(client, personas.bergen).status_code == 403
    assert not ApiClient.objects.exists()


def test_another_organisations_coordinator_gets_404_and_makes_nothing(client, personas):
    issued = make_client(personas.bergen, personas.coordinator)
    client.force_login(personas.other_coordinator)
    assert client.get(list_url(personas.bergen)).status_code == 404
    assert create(client, personas.bergen).status_code == 404
    assert (
        client.post(revoke_url(personas.bergen, issued.client), {"confirm": "on"}).status_code
        == 404
    )
    assert ApiClient.objects.count() == 1
    issued.client.refresh_from_db()
    assert issued.client.revoked_at is None


def test_a_client_of_another_organisation_is_404_under_ones_own(client, personas):
    stavanger_client = make_client(personas.stavanger, personas.other_coordinator).client
    client.force_login(personas.coordinator)
    response = client.post(revoke_url(personas.bergen, stavanger_client), {"confirm": "on"})
    assert response.status_code == 404
    stavanger_client.refresh_from_db()
    assert stavanger_client.revoked_at is None


def test_wrong_methods_are_refused(client, personas):
    client.force_login(personas.coordinator)
    assert client.post(list_url(personas.bergen)).status_code == 405
    assert client.put(create_url(personas.bergen)).status_code == 405


def test_creating_shows_the_token_once_and_stores_only_its_hash(client, personas):
    client.force_login(personas.coordinator)
    response = create(client, personas.bergen)
    assert response.status_code == 200
    token = response.context["token"]
    assert token.startswith("bb_") and token in response.content.decode()
    stored = ApiClient.objects.get()
    assert stored.token_hash == digest(token)
    assert token not in stored.token_hash
    assert stored.organisation == personas.bergen
    assert stored.created_by == personas.coordinator
    assert stored.scopes == ["cohorts:read", "enrolments:read"]
    # The list afterwards never shows it again.
    listing = client.get(list_url(personas.bergen)).content.decode()
    assert "Kommunens fagsystem" in listing and token not in listing
    event = AuditEvent.objects.get(object_type="api.apiclient", action="create")
    assert event.actor == personas.coordinator
    assert event.object_id == str(stored.pk)
    assert event.changes["name"] == [None, "Kommunens fagsystem"]
    assert stored.token_hash not in str(event.changes)


def test_an_admin_creates_for_any_organisation(client, personas):
    client.force_login(personas.admin)
    assert create(client, personas.stavanger).status_code == 200
    assert ApiClient.objects.get().organisation == personas.stavanger


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "Skriv inn et navn."),
        ({"name": "   "}, "Skriv inn et navn."),
        ({"name": "x" * 101}, "Navnet kan ha høyst 100 tegn."),
        ({"scopes": []}, "Velg minst én tilgang."),
        ({"scopes": ["enrolments:delete"]}, "Ukjent tilgang: enrolments:delete."),
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(client, personas, data, message):
    client.force_login(personas.coordinator)
    response = create(client, personas.bergen, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ApiClient.objects.exists()
    assert not AuditEvent.objects.filter(object_type="api.apiclient").exists()


def test_a_second_live_client_with_the_same_name_is_refused(client, personas):
    make_client(personas.bergen, personas.coordinator, name="Kommunens fagsystem")
    client.force_login(personas.coordinator)
    response = create(client, personas.bergen, name="kommunens FAGSYSTEM")
    assert "allerede en aktiv API-klient med dette navnet" in response.content.decode()
    assert ApiClient.objects.count() == 1


def test_revoking_stops_the_client_and_is_audited(client, personas):
    issued = make_client(personas.bergen, personas.coordinator)
    client.force_login(personas.coordinator)
    assert client.get(revoke_url(personas.bergen, issued.client)).status_code == 200
    response = client.post(revoke_url(personas.bergen, issued.client), {"confirm": "on"})
    assert response.status_code == 302
    issued.client.refresh_from_db()
    assert issued.client.revoked_at is not None
    assert issued.client.revoked_by == personas.coordinator
    assert AuditEvent.objects.filter(
        object_type="api.apiclient", action="revoke", object_id=str(issued.client.pk)
    ).exists()


def test_revoking_needs_the_confirmation_and_happens_once(client, personas):
    issued = make_client(personas.bergen, personas.coordinator)
    client.force_login(personas.coordinator)
    response = client.post(revoke_url(personas.bergen, issued.client), {})
    assert "Kryss av for å bekrefte." in response.content.decode()
    issued.client.refresh_from_db()
    assert issued.client.revoked_at is None
    client.post(revoke_url(personas.bergen, issued.client), {"confirm": "on"})
    again = client.post(revoke_url(personas.bergen, issued.client), {"confirm": "on"})
    assert again.status_code == 200
    assert AuditEvent.objects.filter(object_type="api.apiclient", action="revoke").count() == 1


def test_the_list_keeps_a_fixed_query_count(client, personas, django_assert_num_queries):
    make_client(personas.bergen, personas.coordinator, name="A")
    make_client(personas.bergen, personas.admin, name="B")
    client.force_login(personas.coordinator)
    client.get(list_url(personas.bergen))  # warm the session
    with django_assert_num_queries(5):  # session, user, roles, organisation, clients
        response = client.get(list_url(personas.bergen))
    assert response.status_code == 200
    assert len(response.context["clients"]) == 2
