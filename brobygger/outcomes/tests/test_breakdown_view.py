"""GET /resultater/<dimension>/: one breakdown (programme, cohort, year, county, municipality)
with its rates chart, summary and table."""

import pytest

from brobygger.outcomes.tests.helpers import add_people, count_queries, scripts_are_external_or_data

DIMENSIONS = ["program", "kull", "ar", "fylke", "kommune"]


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get("/resultater/kull/")
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_roles_without_figures_are_refused(client, personas):
    client.force_login(personas.teacher)
    assert client.get("/resultater/kull/").status_code == 403


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.coordinator)
    assert client.post("/resultater/kull/").status_code == 405


def test_an_unknown_breakdown_is_404(client, personas):
    client.force_login(personas.coordinator)
    assert client.get("/resultater/skostorrelse/").status_code == 404


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_each_breakdown_shows_its_chart_summary_and_table(client, personas, dimension):
    add_people(personas.cohort, 6)
    client.force_login(personas.coordinator)

    response = client.get(f"/resultater/{dimension}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="chart-data-rater-{dimension}"' in html
    assert "Samlet fullføringsgrad: 50 %." in html
    assert '<th scope="col">Fullføringsgrad</th>' not in html  # numbers are right-aligned
    assert '<th scope="col" class="num">Fullføringsgrad</th>' in html
    assert "<tfoot>" in html
    assert f"/resultater/eksport/{dimension}.xlsx" in html
    assert 'aria-current="page"' in html
    scripts_are_external_or_data(html)


def test_the_cohort_table_has_a_row_per_cohort(client, personas):
    add_people(personas.cohort, 2)
    client.force_login(personas.coordinator)

    table = client.get("/resultater/kull/").context["table"]

    assert [row.label for row in table.rows] == [personas.cohort.name]
    assert table.total.cells[3].display == "2"


def test_bad_filters_get_a_message_and_no_table(client, personas):
    client.force_login(personas.coordinator)

    response = client.get("/resultater/kull/", {"til_ar": "1800"})

    assert "Årstallet må være 2000 eller senere." in response.content.decode()
    assert "table" not in response.context


@pytest.mark.parametrize("dimension", ["kull", "kommune"])
def test_the_page_runs_a_fixed_number_of_queries(
    client, personas, django_assert_num_queries, dimension
):
    client.force_login(personas.county_coordinator)
    add_people(personas.cohort, 2)
    few = count_queries(client, f"/resultater/{dimension}/")

    add_people(personas.cohort, 12)
    with django_assert_num_queries(few):
        client.get(f"/resultater/{dimension}/")
