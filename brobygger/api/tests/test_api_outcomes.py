"""The outcome figures: for a client, exactly what the results page shows its organisation's
coordinators (the same selector, scope, filters and suppression), none of another
organisation's, and no read-log rows (aggregates name nobody)."""

import pytest
from django.utils import timezone

from brobygger.accesslog.models import AccessEvent
from brobygger.api.tests.factories import bearer, make_client
from brobygger.outcomes.selectors import figures_for
from brobygger.testing import make_enrolment, make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def bergen_client(personas):
    return make_client(personas.bergen, personas.coordinator, scopes=["outcomes:read"])


def page_figures(user, **data):
    figures = figures_for(user, data, today=timezone.localdate()).figures
    assert figures is not None
    return figures.as_dict()


def test_the_figures_are_the_coordinators_page_figures(client, personas, bergen_client):
    response = client.get("/api/v1/outcomes/", **bearer(bergen_client))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body == page_figures(personas.coordinator)
    assert body["scope"]["key"] == "program" and body["suppressed"] is False
    assert not AccessEvent.objects.exists()


def test_another_organisations_client_gets_its_own_figures(client, personas):
    stavanger = make_client(
        personas.stavanger, personas.other_coordinator, scopes=["outcomes:read"]
    )
    body = client.get("/api/v1/outcomes/", **bearer(stavanger)).json()
    assert body == page_figures(personas.other_coordinator)
    assert body != page_figures(personas.coordinator)


def test_the_filters_are_the_pages(client, personas, bergen_client):
    programme = personas.version.programme_id
    year = personas.cohort.start_date.year
    url = f"/api/v1/outcomes/?programme_id={programme}&year_from={year}&year_to={year}"
    body = client.get(url, **bearer(bergen_client)).json()
    assert body == page_figures(personas.coordinator, program=programme, fra_ar=year, til_ar=year)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year_from=2026&year_to=2025", "Til-året kan ikke være før fra-året."),
        ("programme_id={other}", "Velg et av alternativene i listen."),
    ],
)
def test_a_bad_filter_is_400_with_the_pages_message(
    client, personas, bergen_client, query, message
):
    query = query.format(other=personas.other_cohort.version.programme_id)
    response = client.get(f"/api/v1/outcomes/?{query}", **bearer(bergen_client))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert message in response.json()["detail"]


def test_the_figures_need_the_scope(client, personas):
    other = make_client(personas.bergen, personas.coordinator, scopes=["cohorts:read"])
    assert client.get("/api/v1/outcomes/", **bearer(other)).status_code == 403


def test_the_figures_keep_a_fixed_query_count(
    client, personas, bergen_client, django_assert_num_queries
):
    client.get("/api/v1/outcomes/", **bearer(bergen_client))
    # the client and the rate-limit window (7), then the figures as the page computes them
    with django_assert_num_queries(14):
        assert client.get("/api/v1/outcomes/", **bearer(bergen_client)).status_code == 200
    for n in range(4):
        make_enrolment(personas.cohort, participant=make_participant(f"Tall{n}"))
    with django_assert_num_queries(14):
        assert client.get("/api/v1/outcomes/", **bearer(bergen_client)).status_code == 200
