"""The read resources beyond the first slice, one row per resource: each is scoped to the
client's organisation (the other organisation's client sees none of it), needs its scope,
puts every participant shown in the read log with the client's name, and costs the same
number of queries for a page of two rows as for a page of six."""

import pytest

from brobygger.accesslog.models import AccessEvent
from brobygger.accesslog.services import API_CLIENT_ROLE
from brobygger.api.tests.factories import add_records, bearer, every_scope, make_client
from brobygger.testing import make_enrolment, make_participant

pytestmark = pytest.mark.django_db

# resource: (url, scope, logs participants, queries for a page)
# Every request: the client, the rate-limit window (6, in the database cache); then the
# rows, each prefetch, the grants subquery is part of the rows query, and the read-log insert.
RESOURCES = {
    "sessions": ("/api/v1/sessions/", "cohorts:read", False, 8),
    "attendance": ("/api/v1/attendance/", "attendance:read", True, 9),
    "placements": ("/api/v1/placements/", "placements:read", True, 10),
    "timesheets": ("/api/v1/timesheets/", "placements:read", True, 9),
    "assessments": ("/api/v1/assessments/", "assessments:read", True, 9),
    "completions": ("/api/v1/completions/", "completions:read", True, 9),
    "employments": ("/api/v1/employments/", "employments:read", True, 11),
    "followups": ("/api/v1/followups/", "followups:read", True, 9),
}


@pytest.fixture
def world(personas):
    bergen = add_records(personas.enrolment, by=personas.coordinator, host=personas.host)
    stavanger = add_records(
        personas.stavanger_enrolment, by=personas.other_coordinator, host=personas.stavanger
    )
    return {"bergen": bergen, "stavanger": stavanger}


@pytest.fixture
def bergen_client(personas):
    return make_client(
        personas.bergen, personas.coordinator, name="Bergen fagsystem", scopes=every_scope()
    )


@pytest.fixture
def stavanger_client(personas):
    return make_client(
        personas.stavanger,
        personas.other_coordinator,
        name="Stavanger system",
        scopes=every_scope(),
    )


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["items"]}


@pytest.mark.parametrize("resource", RESOURCES)
def test_each_client_sees_its_own_organisations_rows_only(
    client, world, bergen_client, stavanger_client, resource
):
    url = RESOURCES[resource][0]
    assert ids(client.get(url, **bearer(bergen_client))) == set(world["bergen"][resource])
    assert ids(client.get(url, **bearer(stavanger_client))) == set(world["stavanger"][resource])


@pytest.mark.parametrize("resource", RESOURCES)
def test_a_client_of_an_organisation_with_nothing_sees_an_empty_list(
    client, personas, world, resource
):
    from brobygger.testing import make_org

    nobody = make_client(make_org("Tom kommune"), personas.admin, scopes=every_scope())
    response = client.get(RESOURCES[resource][0], **bearer(nobody))
    assert response.status_code == 200
    assert response.json() == {"items": [], "next_cursor": None}
    assert not AccessEvent.objects.exists()


@pytest.mark.parametrize("resource", RESOURCES)
def test_a_resource_needs_its_scope(client, personas, world, resource):
    url, scope, _logs, _queries = RESOURCES[resource]
    others = [s for s in every_scope() if s != scope]
    issued = make_client(personas.bergen, personas.coordinator, scopes=others)
    response = client.get(url, **bearer(issued))
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert scope in response.json()["detail"]
    assert not AccessEvent.objects.exists()


@pytest.mark.parametrize("resource", [r for r, row in RESOURCES.items() if row[2]])
def test_a_read_is_in_the_participants_read_log_with_the_clients_name(
    client, personas, world, bergen_client, resource
):
    url = RESOURCES[resource][0]
    client.get(url, **bearer(bergen_client))
    event = AccessEvent.objects.get(participant=personas.enrolment.participant)
    assert event.actor is None
    assert event.actor_role == API_CLIENT_ROLE
    assert event.actor_organisation == personas.bergen
    assert "Bergen fagsystem" in event.purpose
    assert event.path == url
    # Nobody else's participant was logged, and Stavanger's not at all.
    assert not AccessEvent.objects.filter(
        participant=personas.stavanger_enrolment.participant
    ).exists()


@pytest.mark.parametrize("resource", RESOURCES)
def test_a_page_costs_the_same_queries_for_two_rows_as_for_six(
    client, personas, world, bergen_client, django_assert_num_queries, resource
):
    url, _scope, _logs, queries = RESOURCES[resource]
    headers = bearer(bergen_client)
    client.get(url, **headers)  # warm: the client's user, the cache table
    with django_assert_num_queries(queries):
        small = ids(client.get(url, **headers))
    for n in range(2):
        enrolment = make_enrolment(personas.cohort, participant=make_participant(f"Rad{n}"))
        add_records(enrolment, by=personas.coordinator, host=personas.host, n=2)
    with django_assert_num_queries(queries):
        large = ids(client.get(url, **headers))
    assert len(large) > len(small) >= 1


@pytest.mark.parametrize("resource", RESOURCES)
def test_pages_have_no_duplicates_or_gaps(client, personas, world, bergen_client, resource):
    for n in range(2):
        enrolment = make_enrolment(personas.cohort, participant=make_participant(f"Side{n}"))
        add_records(enrolment, by=personas.coordinator, host=personas.host, n=2)
    url = RESOURCES[resource][0]
    everything = ids(client.get(url, **bearer(bergen_client)))
    seen: list[int] = []
    cursor = ""
    while True:
        body = client.get(f"{url}?limit=2&cursor={cursor}", **bearer(bergen_client)).json()
        seen += [row["id"] for row in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == sorted(set(seen))
    assert set(seen) == everything


@pytest.mark.parametrize(
    ("resource", "query"),
    [
        ("sessions", "from=2027-01-01"),
        ("sessions", "status=cancelled"),
        ("attendance", "to=2026-01-01"),
        ("placements", "from=2030-01-01"),
        ("timesheets", "status=approved"),
        ("assessments", "changed_since=2099-01-01T00:00:00%2B01:00"),
        ("completions", "to=2026-01-01"),
        ("employments", "from=2030-01-01"),
        ("followups", "from=2030-01-01"),
    ],
)
def test_the_filters_narrow_the_list(client, world, bergen_client, resource, query):
    url = RESOURCES[resource][0]
    assert ids(client.get(url, **bearer(bergen_client)))
    assert ids(client.get(f"{url}?{query}", **bearer(bergen_client))) == set()


@pytest.mark.parametrize("resource", RESOURCES)
def test_from_after_to_is_refused(client, world, bergen_client, resource):
    url = RESOURCES[resource][0]
    response = client.get(f"{url}?from=2026-05-02&to=2026-05-01", **bearer(bergen_client))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "from kan ikke være etter to" in response.json()["detail"]
    assert not AccessEvent.objects.exists()


def test_a_filter_by_cohort_and_session(client, personas, world, bergen_client):
    session = world["bergen"]["sessions"][0]
    url = f"/api/v1/attendance/?session_id={session}"
    assert ids(client.get(url, **bearer(bergen_client))) == set(world["bergen"]["attendance"])
    other = personas.other_cohort.pk
    assert ids(client.get(f"/api/v1/sessions/?cohort_id={other}", **bearer(bergen_client))) == (
        set()
    )


def test_programmes_come_with_their_versions(client, personas, bergen_client, stavanger_client):
    body = client.get("/api/v1/programmes/", **bearer(bergen_client)).json()
    assert [p["id"] for p in body["items"]] == [personas.version.programme_id]
    (version,) = body["items"][0]["versions"]
    assert version["id"] == personas.version.pk
    assert version["theory_hours"] == f"{personas.version.theory_hours:.2f}"
    assert ids(client.get("/api/v1/programmes/", **bearer(stavanger_client))) == {
        personas.other_cohort.version.programme_id
    }


def test_a_partner_organisation_sees_the_programme_it_is_partner_in(client, personas):
    programme = personas.version.programme
    programme.partners.add(personas.nav)
    nav = make_client(personas.nav, personas.admin, scopes=every_scope())
    assert ids(client.get("/api/v1/programmes/", **bearer(nav))) == {programme.pk}
    assert personas.cohort.pk in ids(client.get("/api/v1/cohorts/", **bearer(nav)))


def test_assessments_are_metadata_without_the_file(client, world, bergen_client):
    (row,) = client.get("/api/v1/assessments/", **bearer(bergen_client)).json()["items"]
    assert row["outcome"] == "approved"
    assert not {"file", "file_token", "original_name", "feedback"} & row.keys()


def test_employments_carry_funding_and_percent_not_the_benefit(client, world, bergen_client):
    (row,) = client.get("/api/v1/employments/", **bearer(bergen_client)).json()["items"]
    assert row["funding"][0]["share_percent"] == 100
    assert row["percents"][0]["percent"] == 50
    assert not {"benefit", "benefit_other"} & row.keys()
