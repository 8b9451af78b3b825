"""Bearer tokens: missing, unknown, revoked and scope-less callers get problem details; a client
past its rate limit gets 429 with Retry-After."""

import pytest

from brobygger.accesslog.models import AccessEvent
from brobygger.api.models import ApiClient
from brobygger.api.services import api_client_revoke
from brobygger.api.tests.factories import bearer, make_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/enrolments/"


def assert_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["type"] and body["title"] and body["detail"]
    return body


def test_a_missing_token_is_401(client, personas):
    body = assert_problem(client.get(URL), 401)
    assert body["title"] == "Ikke autentisert"


def test_the_401_says_bearer(client, personas):
    assert client.get(URL)["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "header", ["Bearer nope", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 500, "bb_x"]
)
def test_an_unknown_or_malformed_token_is_401(client, personas, header):
    make_client(personas.bergen, personas.coordinator)
    assert_problem(client.get(URL, HTTP_AUTHORIZATION=header), 401)
    assert not AccessEvent.objects.exists()


def test_a_revoked_token_is_401_at_once(client, personas):
    issued = make_client(personas.bergen, personas.coordinator)
    assert client.get(URL, **bearer(issued)).status_code == 200
    api_client_revoke(by=personas.coordinator, client=issued.client)
    assert_problem(client.get(URL, **bearer(issued)), 401)


def test_a_session_login_is_not_enough(client, personas):
    client.force_login(personas.coordinator)
    assert_problem(client.get(URL), 401)


def test_a_client_without_the_scope_is_403(client, personas):
    issued = make_client(personas.bergen, personas.coordinator, scopes=["cohorts:read"])
    body = assert_problem(client.get(URL, **bearer(issued)), 403)
    assert "enrolments:read" in body["detail"]
    assert client.get("/api/v1/cohorts/", **bearer(issued)).status_code == 200
    assert not AccessEvent.objects.exists()


def test_use_is_noted_on_the_client(client, personas):
    issued = make_client(personas.bergen, personas.coordinator)
    assert issued.client.last_used_at is None
    client.get("/api/v1/organisations/", **bearer(issued))
    assert ApiClient.objects.get().last_used_at is not None


def test_past_the_rate_limit_a_client_gets_429_with_retry_after(client, personas, settings):
    settings.API_RATE_LIMIT = (3, 60)
    issued = make_client(personas.bergen, personas.coordinator)
    other = make_client(personas.stavanger, personas.other_coordinator)
    for _ in range(3):
        assert client.get("/api/v1/organisations/", **bearer(issued)).status_code == 200
    response = client.get("/api/v1/organisations/", **bearer(issued))
    body = assert_problem(response, 429)
    assert body["title"] == "For mange forespørsler"
    assert 1 <= int(response["Retry-After"]) <= 60
    # Per client: another client's window is its own.
    assert client.get("/api/v1/organisations/", **bearer(other)).status_code == 200


def test_the_window_ends(client, personas, settings, time_machine):
    settings.API_RATE_LIMIT = (1, 60)
    time_machine.move_to("2026-11-25 12:00:00+01:00", tick=False)
    issued = make_client(personas.bergen, personas.coordinator)
    assert client.get("/api/v1/organisations/", **bearer(issued)).status_code == 200
    assert client.get("/api/v1/organisations/", **bearer(issued)).status_code == 429
    time_machine.move_to("2026-11-25 12:01:01+01:00", tick=False)
    assert client.get("/api/v1/organisations/", **bearer(issued)).status_code == 200


def test_the_openapi_document_is_served_without_a_token(client, personas):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/enrolments/{enrolment_id}/" in spec["paths"]
    error = spec["paths"]["/api/v1/enrolments/"]["get"]["responses"]["401"]["content"]
    assert "application/problem+json" in error
