import pytest
from django.core.cache import cache
from django.urls import reverse

from brobygger.diplomas.services import diploma_invalidate
from brobygger.diplomas.tests.factories import make_diploma
from brobygger.diplomas.views import CHECKS_PER_WINDOW
from brobygger.testing import make_enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today_and_empty_cache(time_machine):
    time_machine.move_to("2026-11-21 12:00+01:00", tick=False)
    cache.clear()


def check(client, code):
    return client.get(reverse("diploma_verify"), {"kode": code})


def test_anyone_sees_a_valid_code_with_initials_programme_and_date_only(client, personas):
    diploma = make_diploma(personas)
    person = personas.enrolment.participant
    page = check(client, diploma.display_code.lower()).content.decode()
    assert "Gyldig vitnemål" in page
    assert f"{person.first_name[0]}.{person.last_name[0]}." in page
    assert diploma.completion.version.programme.name in page
    assert "20.11.2026" in page
    assert person.first_name not in page and person.last_name not in page
    assert "182,5" not in page and "timer" not in page


def test_an_invalidated_code_says_invalid(client, personas):
    diploma = make_diploma(personas)
    diploma_invalidate(diploma=diploma, by=personas.coordinator, reason="Feil")
    page = check(client, diploma.code).content.decode()
    assert "Ugyldig vitnemål" in page
    assert "Feil" not in page.split("<main", 1)[-1].split("Ugyldig vitnemål", 1)[-1][:200]


@pytest.mark.parametrize("code", ["ABCD-EFGH-JKMN", "nonsense", "'; DROP TABLE x; --"])
def test_an_unknown_code_says_unknown(client, personas, code):
    make_diploma(personas)
    page = check(client, code).content.decode()
    assert "Ukjent kode" in page


def test_the_empty_form_says_nothing_yet(client):
    page = client.get(reverse("diploma_verify")).content.decode()
    assert "Sjekk et vitnemål" in page
    assert "Ukjent kode" not in page and "Gyldig vitnemål" not in page


def test_checks_are_rate_limited_per_address(client, personas):
    for _ in range(CHECKS_PER_WINDOW):
        assert check(client, "ABCD-EFGH-JKMN").status_code == 200
    response = check(client, "ABCD-EFGH-JKMN")
    assert response.status_code == 429
    assert "Vent noen minutter" in response.content.decode()
    # A forged X-Forwarded-For buys nothing (no trusted proxies configured).
    response = client.get(
        reverse("diploma_verify"), {"kode": "ABCD-EFGH-JKMN"}, HTTP_X_FORWARDED_FOR="10.9.8.7"
    )
    assert response.status_code == 429


def test_the_page_does_a_fixed_number_of_queries(client, personas, django_assert_num_queries):
    diploma = make_diploma(personas)
    make_diploma(personas, make_enrolment(personas.cohort))
    # One for the code; the rest are the rate limit's database cache (get, set, cull).
    with django_assert_num_queries(QUERIES):
        check(client, diploma.code)


QUERIES = 7
