"""GET /resultater/program/<pk>/arsrapport.pdf: the programme's annual report as PDF."""

import io

import pytest
from pypdf import PdfReader

from brobygger.core.tests.pdfcheck import MARKUP_PAYLOADS, assert_shows_literally
from brobygger.outcomes.tests.helpers import add_people, count_queries


def url(personas, **params):
    base = f"/resultater/program/{personas.version.programme_id}/arsrapport.pdf"
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def text_of(response):
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get(url(personas))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_a_coordinator_of_another_programme_gets_404(client, personas):
    client.force_login(personas.other_coordinator)
    assert client.get(url(personas)).status_code == 404


@pytest.mark.parametrize("role", ["analyst", "county_coordinator", "teacher"])
def test_other_roles_are_refused(client, personas, role):
    client.force_login(getattr(personas, role))
    assert client.get(url(personas)).status_code == 403


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.coordinator)
    assert client.post(url(personas)).status_code == 405


def test_the_report_has_key_figures_charts_and_the_cohort_table(client, personas):
    add_people(personas.cohort, 4)
    client.force_login(personas.coordinator)

    response = client.get(url(personas, ar=2028))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    programme = personas.version.programme
    assert f'filename="arsrapport-{programme.pk}-2028.pdf"' in response["Content-Disposition"]
    text = text_of(response)
    assert "Årsrapport 2028" in text
    assert programme.name in text
    assert "Kull som startet til og med 2028" in text
    assert "Fullføringsgrad" in text
    assert "4 fullførte og 4 avbrøt" in text  # the funnel chart's summary
    assert personas.cohort.name in text
    assert "Avbrudd etter årsak" in text
    assert "Stillingsprosent i første jobb" in text


def test_a_year_before_the_first_cohort_gives_an_empty_report(client, personas):
    add_people(personas.cohort, 2)
    client.force_login(personas.coordinator)

    text = text_of(client.get(url(personas, ar=2020)))

    assert "Årsrapport 2020" in text
    assert personas.cohort.name not in text


def test_a_bad_year_gets_a_norwegian_message(client, personas):
    client.force_login(personas.coordinator)

    response = client.get(url(personas, ar="neste"))

    assert response.status_code == 400
    assert "Skriv et årstall mellom 2000 og 2100." in response.content.decode()


def test_the_report_runs_a_fixed_number_of_queries(client, personas, django_assert_num_queries):
    client.force_login(personas.coordinator)
    add_people(personas.cohort, 2)
    few = count_queries(client, url(personas))

    add_people(personas.cohort, 10)
    with django_assert_num_queries(few):
        client.get(url(personas))


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS)
def test_markup_in_programme_and_cohort_names_is_printed_as_text(client, personas, payload):
    programme = personas.version.programme
    programme.name = f"Program {payload}"
    programme.save(update_fields=["name"])
    personas.cohort.name = f"Kull {payload}"
    personas.cohort.save(update_fields=["name"])
    add_people(personas.cohort, 4)
    client.force_login(personas.coordinator)

    response = client.get(url(personas, ar=2028))

    assert response.status_code == 200
    assert_shows_literally(response.content, f"Program {payload}")
    assert_shows_literally(response.content, f"Kull {payload}")
