"""The read-only resources: scoped to the client's organisation (the other organisation's
client sees nothing), every participant shown is in their read log with the client's name,
cursor pages without duplicates or gaps, and the filters."""

import datetime as dt

import pytest

from brobygger.accesslog.models import AccessEvent
from brobygger.accesslog.selectors import describe, own_access_events
from brobygger.accesslog.services import API_CLIENT_ROLE
from brobygger.api.tests.factories import bearer, make_client
from brobygger.enrolments.models import Enrolment, Participant, Status
from brobygger.testing import make_enrolment, make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def bergen_client(personas):
    return make_client(personas.bergen, personas.coordinator, name="Bergen fagsystem")


@pytest.fixture
def stavanger_client(personas):
    return make_client(personas.stavanger, personas.other_coordinator, name="Stavanger system")


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["items"]}


def test_each_client_sees_its_own_organisation_only(client, personas, bergen_client):
    assert ids(client.get("/api/v1/organisations/", **bearer(bergen_client))) == {
        personas.bergen.pk
    }


def test_cohorts_are_the_organisations_programmes(
    client, personas, bergen_client, stavanger_client
):
    assert ids(client.get("/api/v1/cohorts/", **bearer(bergen_client))) == {personas.cohort.pk}
    assert ids(client.get("/api/v1/cohorts/", **bearer(stavanger_client))) == {
        personas.other_cohort.pk
    }


def test_enrolments_and_participants_are_scoped(client, personas, bergen_client, stavanger_client):
    bergen = {personas.enrolment.pk, personas.other_enrolment.pk}
    assert ids(client.get("/api/v1/enrolments/", **bearer(bergen_client))) == bergen
    assert ids(client.get("/api/v1/enrolments/", **bearer(stavanger_client))) == {
        personas.stavanger_enrolment.pk
    }
    assert ids(client.get("/api/v1/participants/", **bearer(stavanger_client))) == {
        personas.stavanger_enrolment.participant_id
    }


def test_another_organisations_records_are_404_and_not_logged(client, personas, stavanger_client):
    for url in (
        f"/api/v1/enrolments/{personas.enrolment.pk}/",
        f"/api/v1/participants/{personas.enrolment.participant_id}/",
    ):
        response = client.get(url, **bearer(stavanger_client))
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    assert not AccessEvent.objects.filter(participant=personas.enrolment.participant).exists()


def test_an_enrolment_detail_has_its_status_history(client, personas, bergen_client):
    response = client.get(f"/api/v1/enrolments/{personas.enrolment.pk}/", **bearer(bergen_client))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == Status.DELTAR
    assert body["participant"]["first_name"] == "Dina"
    statuses = [row["status"] for row in body["history"]]
    assert statuses == list(
        personas.enrolment.history.order_by("valid_from", "id").values_list("status", flat=True)
    )
    assert statuses[-1] == Status.DELTAR and body["history"][-1]["valid_to"] is None
    assert "national_id" not in body["participant"]


def test_a_protected_participant_is_never_shown(client, personas, bergen_client):
    Participant.objects.filter(pk=personas.enrolment.participant_id).update(is_protected=True)
    assert ids(client.get("/api/v1/enrolments/", **bearer(bergen_client))) == {
        personas.other_enrolment.pk
    }
    detail = client.get(f"/api/v1/enrolments/{personas.enrolment.pk}/", **bearer(bergen_client))
    assert detail.status_code == 404


def test_a_read_is_in_the_participants_own_access_log_with_the_clients_name(
    client, personas, bergen_client
):
    client.get(f"/api/v1/enrolments/{personas.enrolment.pk}/", **bearer(bergen_client))
    event = AccessEvent.objects.get(participant=personas.enrolment.participant)
    assert event.actor is None
    assert event.actor_role == API_CLIENT_ROLE
    assert event.actor_organisation == personas.bergen
    assert event.path == f"/api/v1/enrolments/{personas.enrolment.pk}/"
    assert not event.denied
    line = describe(own_access_events(personas.participant_user).get())
    assert "Bergen fagsystem" in line.purpose
    assert line.who.startswith("API-klient")
    assert "Bergen kommune" in line.who


def test_a_list_logs_one_entry_per_participant_shown(client, personas, bergen_client):
    client.get("/api/v1/enrolments/", **bearer(bergen_client))
    logged = AccessEvent.objects.filter(actor_role=API_CLIENT_ROLE)
    assert sorted(logged.values_list("participant_id", flat=True)) == sorted(
        [personas.enrolment.participant_id, personas.other_enrolment.participant_id]
    )
    client.get("/api/v1/participants/", **bearer(bergen_client))
    assert logged.count() == 4
    client.get("/api/v1/cohorts/", **bearer(bergen_client))
    assert logged.count() == 4  # no participant on a cohort


def test_pages_have_no_duplicates_or_gaps(client, personas, bergen_client):
    for n in range(5):
        make_enrolment(personas.cohort, participant=make_participant(f"Side{n}"))
    expected = set(Enrolment.objects.filter(cohort=personas.cohort).values_list("pk", flat=True))
    seen: list[int] = []
    url = "/api/v1/enrolments/?limit=2"
    pages = 0
    while url:
        body = client.get(url, **bearer(bergen_client)).json()
        seen += [row["id"] for row in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        url = f"/api/v1/enrolments/?limit=2&cursor={cursor}" if cursor else ""
    assert pages == 4  # 7 rows, 2 a page
    assert len(seen) == len(set(seen)) == 7
    assert set(seen) == expected
    assert seen == sorted(seen)


def test_a_page_keeps_a_fixed_query_count(
    client, personas, bergen_client, django_assert_num_queries
):
    for n in range(3):
        make_enrolment(personas.cohort, participant=make_participant(f"Q{n}"))
    headers = bearer(bergen_client)
    client.get("/api/v1/enrolments/", **headers)
    # the client; the rate-limit window in the database cache (get, cull count, and a set:
    # savepoint, select, update, release); the page; the history; the read-log insert
    with django_assert_num_queries(10):
        assert len(client.get("/api/v1/enrolments/", **headers).json()["items"]) == 5


@pytest.mark.parametrize("cursor", ["nonsense", "djE6LTE", "djI6MQ", "%00", "djE6OTk5OTk5OTk5OTk5"])
def test_a_bad_cursor_is_400(client, personas, bergen_client, cursor):
    response = client.get(f"/api/v1/enrolments/?cursor={cursor}", **bearer(bergen_client))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "Markøren" in response.json()["detail"]


def test_filter_by_status(client, personas, bergen_client):
    waiting = make_enrolment(personas.cohort, status=Status.VENTELISTE)
    assert ids(client.get("/api/v1/enrolments/?status=VENTELISTE", **bearer(bergen_client))) == {
        waiting.pk
    }
    response = client.get("/api/v1/enrolments/?status=BOGUS", **bearer(bergen_client))
    assert response.status_code == 400
    assert response.json()["errors"]


def test_filter_by_application_date(client, personas, bergen_client):
    applied = personas.enrolment.applied_on
    late = make_enrolment(personas.cohort)
    Enrolment.objects.filter(pk=late.pk).update(applied_on=applied + dt.timedelta(days=10))
    after = (applied + dt.timedelta(days=5)).isoformat()
    assert ids(
        client.get(f"/api/v1/enrolments/?applied_from={after}", **bearer(bergen_client))
    ) == {late.pk}
    assert late.pk not in ids(
        client.get(f"/api/v1/enrolments/?applied_to={after}", **bearer(bergen_client))
    )


def test_applied_from_after_applied_to_is_refused(client, personas, bergen_client):
    response = client.get(
        "/api/v1/enrolments/?applied_from=2026-05-02&applied_to=2026-05-01",
        **bearer(bergen_client),
    )
    assert response.status_code == 400
    assert "applied_from kan ikke være etter applied_to" in response.json()["detail"]
    assert not AccessEvent.objects.exists()


def test_a_bad_date_is_400_in_norwegian(client, personas, bergen_client):
    response = client.get("/api/v1/enrolments/?applied_from=31.12.2026", **bearer(bergen_client))
    assert response.status_code == 400
    assert response.json()["detail"] == "En eller flere parametere er ugyldige."


def test_filter_changed_since(client, personas, bergen_client, time_machine):
    time_machine.move_to("2027-01-10 12:00:00+01:00", tick=False)
    fresh = make_enrolment(personas.cohort, status=Status.SOKT_INN)
    since = "2027-01-10T00:00:00%2B01:00"
    assert ids(
        client.get(f"/api/v1/enrolments/?changed_since={since}", **bearer(bergen_client))
    ) == {fresh.pk}
    far = client.get(
        "/api/v1/enrolments/?changed_since=0001-01-01T00:00:00%2B01:00", **bearer(bergen_client)
    )
    assert far.status_code == 400
