"""The employer's own MB staff: never the benefit, on the list or the detail page."""

import re

from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.employment.models import Benefit
from brobygger.employment.tests.factories import (
    make_candidate,
    make_employer,
    make_employer_org,
    make_employment,
)

LIST = "/arbeidsgiver/ansatte/"
BENEFIT_WORDS = re.compile(r"ytelse|arbeidsavklaring|AAP|uføre|benefit", re.IGNORECASE)


def detail(employment):
    return reverse("employer_employment_detail", args=[employment.pk])


def test_anonymous_is_sent_to_login(client, db):
    assert "/konto/login" in client.get(LIST)["Location"]


def test_only_employers(client, personas):
    client.force_login(personas.coordinator)
    assert client.get(LIST).status_code == 403


def test_post_is_not_allowed(client, personas):
    client.force_login(personas.employer)
    assert client.post(LIST).status_code == 405
    assert client.post(detail(make_employment(personas))).status_code == 405


def test_another_employer_gets_404_on_the_detail(client, personas):
    employment = make_employment(personas)
    client.force_login(make_employer(make_employer_org("Annen")))
    assert client.get(detail(employment)).status_code == 404


def test_the_employer_sees_own_staff_without_any_benefit(client, personas):
    employment = make_employment(personas, benefit=Benefit.UFORETRYGD)
    other = make_employment(
        personas,
        make_candidate(personas, "Aase"),
        benefit=Benefit.OTHER,
        benefit_other="Sosialhjelp",
    )
    client.force_login(personas.employer)
    for url in (LIST, detail(employment), detail(other)):
        html = client.get(url).content.decode()
        assert not BENEFIT_WORDS.search(html), url
        assert "Sosialhjelp" not in html


def test_the_employer_selector_does_not_even_load_the_benefit(client, personas):
    make_employment(personas)
    client.force_login(personas.employer)
    response = client.get(LIST)
    employment = response.context["rows"][0].employment
    assert "benefit" in employment.get_deferred_fields()
    assert "benefit_other" in employment.get_deferred_fields()


def test_the_detail_shows_percent_and_funding_and_logs_the_read(client, personas):
    employment = make_employment(personas)
    client.force_login(personas.employer)
    response = client.get(detail(employment))
    html = response.content.decode()
    assert "50 %" in html
    assert "Ordinært budsjett" in html
    assert AccessEvent.objects.get().participant_id == employment.participant_id


def test_the_query_count_does_not_grow_with_rows(client, personas, django_assert_num_queries):
    for n in range(2):
        make_employment(personas, make_candidate(personas, f"A{n}"))
    client.force_login(personas.employer)
    with django_assert_num_queries(6):
        client.get(LIST)
    for n in range(3):
        make_employment(personas, make_candidate(personas, f"B{n}"))
    with django_assert_num_queries(6):
        client.get(LIST)


def test_the_staff_of_the_years_come_a_page_at_a_time(
    client, personas, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("brobygger.employment.views.employer.STAFF_PER_PAGE", 2)
    for n in range(3):
        make_employment(personas, make_candidate(personas, f"C{n}"))
    client.force_login(personas.employer)
    with django_assert_num_queries(6):
        first = client.get(LIST)
    with django_assert_num_queries(6):
        second = client.get(LIST, {"side": 2})
    shown = [r.employment.pk for page in (first, second) for r in page.context["rows"]]
    assert len(shown) == len(set(shown)) == 3
    assert "Viser 1–2 av 3" in first.content.decode()
    assert 'aria-label="Sider med ansatte"' in second.content.decode()
