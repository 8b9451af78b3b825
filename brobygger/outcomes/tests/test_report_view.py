"""GET /resultater/program/<pk>/arsrapport.pdf: the programme's annual report as PDF."""

import base64
import io

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from brobygger.core.tests.pdfcheck import MARKUP_PAYLOADS
from brobygger.diplomas.tests.pdfstructure import assert_printed_as_text, structure
from brobygger.outcomes.charts import Chart
from brobygger.outcomes.figures import outcome_figures
from brobygger.outcomes.figures.model import Table
from brobygger.outcomes.filters import Filters
from brobygger.outcomes.report import _chart, annual_report
from brobygger.outcomes.scope import PROGRAMMES, scopes_for
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
    assert_printed_as_text(response.content, f"Program {payload}")
    assert_printed_as_text(response.content, f"Kull {payload}")


def test_the_report_is_a_tagged_pdf_with_headings_tables_and_charts_with_alt_text(client, personas):
    add_people(personas.cohort, 4)
    client.force_login(personas.coordinator)

    found = structure(client.get(url(personas, ar=2028)).content)

    programme = personas.version.programme
    assert found.marked
    assert found.lang == "nb"
    assert found.title == f"Årsrapport 2028 – {programme.name}"
    assert found.display_title
    assert found.tags.count("/H1") == 1
    assert found.tags.index("/H1") < found.tags.index("/H2") < found.tags.index("/Table")
    # Key figures, cohorts and five breakdowns; each a table with column and row headers.
    assert found.tags.count("/Table") == 7
    assert found.tags.count("/THead") == 7
    # Each chart drawn is a figure whose alt text reads out its bars.
    assert found.tags.count("/Figure") == len(found.alts) >= 2
    funnel = found.alts[0]
    assert funnel.startswith("Stolpediagram. Antall: ")
    assert "Fullført 4, Avbrutt 4" in funnel
    assert any("Fullføringsgrad: " in alt for alt in found.alts)


def test_a_reader_who_prefers_english_gets_lang_en(client, personas):
    client.force_login(personas.coordinator)

    response = client.get(url(personas, ar=2028), HTTP_ACCEPT_LANGUAGE="en")

    assert structure(response.content).lang == "en"


def test_the_report_is_rendered_in_the_active_language(rf, personas):
    add_people(personas.cohort, 4)
    request = rf.get("/")
    request.user = personas.coordinator
    scope = next(s for s in scopes_for(request) if s.key == PROGRAMMES)
    figures = outcome_figures(
        scope=scope,
        filters=Filters(programme=personas.version.programme_id, year_to=2028),
        today=timezone.localdate(),
    )
    for language in ("en", "nn"):
        with translation.override(language):
            content = annual_report(figures=figures, programme_name="Programmet", year=2028)
        found = structure(content)
        assert found.lang == language
        assert found.marked and found.tags.count("/Table") == 7


def test_a_hidden_value_is_a_gap_in_the_chart_and_skjult_in_its_alt_text():
    table = Table("t", "Tabell", "Rad", (), ())
    chart = Chart(
        "t", "Tittel", "hbar", "", ["Kull <b", "Kull B"], [("Antall", [7, None])], "", table
    )

    drawn = _chart(chart)

    assert drawn.alt == "Stolpediagram. Antall: Kull <b 7, Kull B skjult."
    svg = base64.b64decode(drawn.image.removeprefix("data:image/svg+xml;base64,")).decode()
    assert svg.count("<rect") == 1  # no bar for the hidden value
    assert "Kull &lt;b" in svg and "Kull <b" not in svg


def test_a_chart_with_nothing_to_draw_has_no_image():
    table = Table("t", "Tabell", "Rad", (), ())
    chart = Chart("t", "Tittel", "hbar", "", ["A"], [("Antall", [None])], "Ingen.", table)

    assert _chart(chart).image == ""
