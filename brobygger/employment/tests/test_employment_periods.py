"""employment_percent_add and employment_funding_add (POST-only forms on the record page)."""

from django.urls import reverse

from brobygger.employment.tests.factories import make_employment


def percent_url(e):
    return reverse("employment_percent_add", args=[e.pk])


def funding_url(e):
    return reverse("employment_funding_add", args=[e.pk])


def test_anonymous_is_sent_to_login(client, personas):
    e = make_employment(personas)
    for u in (percent_url(e), funding_url(e)):
        assert "/konto/login" in client.post(u)["Location"]


def test_get_is_not_allowed(client, personas):
    e = make_employment(personas)
    client.force_login(personas.coordinator)
    assert client.get(percent_url(e)).status_code == 405
    assert client.get(funding_url(e)).status_code == 405


def test_another_municipality_gets_404(client, personas):
    e = make_employment(personas)
    client.force_login(personas.other_coordinator)
    assert client.post(percent_url(e), {}).status_code == 404
    assert client.post(funding_url(e), {}).status_code == 404


def test_a_new_percent_from_a_date(client, personas):
    e = make_employment(personas)
    client.force_login(personas.coordinator)
    response = client.post(
        percent_url(e), {"percent-percent": "60", "percent-valid_from": "2026-04-01"}
    )
    assert response.status_code == 302
    assert [p.percent for p in e.percents.order_by("valid_from")] == [50, 60]


def test_a_percent_over_100_is_refused(client, personas):
    e = make_employment(personas)
    client.force_login(personas.coordinator)
    response = client.post(
        percent_url(e), {"percent-percent": "110", "percent-valid_from": "2026-04-01"}
    )
    assert response.status_code == 200
    assert "Stillingsprosenten kan ikke være over 100." in response.content.decode()
    assert e.percents.count() == 1


def test_a_funding_period_is_added(client, personas):
    e = make_employment(personas, funding=[])
    client.force_login(personas.caseworker)
    response = client.post(
        funding_url(e),
        {
            "funding-source": "nav_wage_subsidy",
            "funding-share_percent": "40",
            "funding-valid_from": "2026-01-01",
            "funding-valid_to": "2026-06-30",
        },
    )
    assert response.status_code == 302
    assert e.funding.get().source == "nav_wage_subsidy"


def test_overlapping_funding_over_100_is_refused_with_the_day(client, personas):
    e = make_employment(personas)
    client.force_login(personas.coordinator)
    response = client.post(
        funding_url(e),
        {
            "funding-source": "project",
            "funding-share_percent": "20",
            "funding-valid_from": "2026-05-01",
            "funding-valid_to": "",
        },
    )
    assert response.status_code == 200
    assert "til sammen 120 % fra 01.05.2026" in response.content.decode()
    assert e.funding.count() == 1


def test_a_to_date_before_from_is_refused(client, personas):
    e = make_employment(personas, funding=[])
    client.force_login(personas.coordinator)
    response = client.post(
        funding_url(e),
        {
            "funding-source": "project",
            "funding-share_percent": "20",
            "funding-valid_from": "2026-05-01",
            "funding-valid_to": "2026-04-01",
        },
    )
    assert "«Til» kan ikke være før «fra»." in response.content.decode()
    assert not e.funding.exists()


def test_a_share_outside_1_to_100_gets_a_message_with_a_percent_sign(client, personas):
    e = make_employment(personas, funding=[])
    client.force_login(personas.coordinator)
    for share, text in (
        ("0", "Andelen må være minst 1 %."),
        ("101", "Andelen kan ikke være over 100 %."),
    ):
        response = client.post(
            funding_url(e),
            {
                "funding-source": "project",
                "funding-share_percent": share,
                "funding-valid_from": "2026-05-01",
            },
        )
        assert response.context["funding_form"].errors["share_percent"] == [text]
    assert not e.funding.exists()


def test_an_empty_funding_post_asks_for_the_fields_and_saves_nothing(client, personas):
    e = make_employment(personas, funding=[])
    client.force_login(personas.coordinator)
    response = client.post(funding_url(e), {})
    assert response.status_code == 200
    errors = response.context["funding_form"].errors
    assert errors["source"] == ["Velg et alternativ."]
    assert errors["share_percent"] == ["Skriv andelen i prosent."]
    assert not e.funding.exists()
