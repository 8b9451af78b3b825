"""GET /resultater/: key figures, charts with summaries and the tables behind them."""

import json
import re

from brobygger.outcomes.tests.helpers import add_people, count_queries, scripts_are_external_or_data

URL = "/resultater/"


def chart_data(html):
    return {
        key: json.loads(body)
        for key, body in re.findall(
            r'<script id="chart-data-([\w-]+)" type="application/json">(.*?)</script>', html
        )
    }


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_roles_without_figures_are_refused(client, personas):
    for user in (personas.teacher, personas.participant_user, personas.employer):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.coordinator)
    assert client.post(URL).status_code == 405


def test_the_coordinator_sees_key_figures_charts_and_tables(client, personas):
    add_people(personas.cohort, 6)
    client.force_login(personas.coordinator)

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="ds-heading" data-size="lg">Resultater</h1>' in html
    assert "Tall for: Dine program." in html
    assert response.context["figures"].kpi("completed").display == "6"
    charts = chart_data(html)
    assert set(charts) == {"trakt", "arsaker", "stillingsprosent", "ansettelse",
                           "finansiering", "ytelser"}  # fmt: skip
    assert charts["trakt"]["datasets"][0]["data"][3] == 6  # completed
    assert "6 fullførte og 6 avbrøt" in html  # the text summary of the funnel chart
    assert "<caption>Fra søknad til jobb" in html
    assert '<th scope="col">Steg</th>' in html
    assert '<th scope="row">Fullført</th>' in html
    assert "/resultater/eksport/trakt.csv" in html
    programme = personas.version.programme
    assert f"/resultater/program/{programme.pk}/arsrapport.pdf?ar=2029" in html
    scripts_are_external_or_data(html)
    assert "vendor/chart.umd.min.js" in html
    assert "outcomes/charts.js" in html


def test_the_analyst_sees_small_counts_hidden_in_the_page_and_its_chart_data(client, personas):
    add_people(personas.cohort, 6)  # one completer per municipality
    client.force_login(personas.analyst)

    html = client.get("/resultater/kommune/").content.decode()

    assert "Små tall er skjult" in html
    assert '<td class="num hidden-cell">&lt;5</td>' in html
    # Every municipality's rate rests on a hidden count: nothing to draw, the text says why.
    assert "rater-kommune" not in chart_data(html)
    assert "tall er skjult av hensyn til personvernet" in html
    add_people(personas.cohort, 36)  # now six more completers per municipality
    data = chart_data(client.get("/resultater/kommune/").content.decode())["rater-kommune"]
    rates = data["datasets"][0]["data"]
    assert any(rates) and None in rates + data["datasets"][1]["data"]
    # Annual reports are for coordinators' own programmes.
    assert "arsrapport.pdf" not in client.get(URL).content.decode()


def test_filters_are_kept_in_the_url_and_in_every_link(client, personas):
    add_people(personas.cohort, 2)
    client.force_login(personas.coordinator)

    html = client.get(URL, {"fra_ar": "2026", "fylke": "46"}).content.decode()

    assert 'name="fra_ar" value="2026"' in html
    assert "/resultater/eksport/trakt.csv?fra_ar=2026&amp;fylke=46" in html
    assert "/resultater/kull/?fra_ar=2026&amp;fylke=46" in html


def test_bad_filters_get_a_norwegian_message_and_no_figures(client, personas):
    client.force_login(personas.coordinator)

    response = client.get(URL, {"fra_ar": "2027", "til_ar": "2025", "program": "999999"})

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["figures"] is None
    assert "Til-året kan ikke være før fra-året." in html
    assert "Velg et av alternativene i listen." in html
    assert "Rett opp filteret for å se tallene." in html
    assert "Skriv et årstall" in client.get(URL, {"fra_ar": "tjue"}).content.decode()
    hostile = {"program": "9" * 30, "kommune": "\x00", "fylke": "<script>", "til_ar": "9" * 30}
    response = client.get(URL, hostile)
    assert response.status_code == 200
    assert response.context["figures"] is None
    assert "<script>" not in response.content.decode().split("</header>", 1)[1]


def test_a_user_with_several_roles_chooses_the_scope(client, personas):
    from brobygger.accounts.models import Membership, Role

    Membership.objects.create(user=personas.coordinator, organisation=personas.bergen,
                              role=Role.ANALYST)  # fmt: skip
    client.force_login(personas.coordinator)

    assert "Tall for: Dine program." in client.get(URL).content.decode()
    html = client.get(URL, {"omfang": "nasjonalt"}).content.decode()
    assert "Tall for: Hele landet." in html
    assert "/resultater/eksport/trakt.csv?omfang=nasjonalt" in html


def test_the_page_runs_a_fixed_number_of_queries(client, personas, django_assert_num_queries):
    client.force_login(personas.analyst)
    add_people(personas.cohort, 2)
    few = count_queries(client, URL)

    add_people(personas.cohort, 12)
    with django_assert_num_queries(few):
        client.get(URL)
