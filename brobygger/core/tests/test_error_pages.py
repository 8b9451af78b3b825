"""Error pages (400, 403, 404, 500, CSRF failure) with DEBUG off: Norwegian, in the house style,
and silent about internals (no exception text, paths, settings or tracebacks)."""

import pytest
from django.test import Client
from django.urls import reverse

from brobygger.core.tests.urls_boom import SECRET_DETAIL

# What Django's own error pages (or a leaked exception) would show.
INTERNALS = (
    "Traceback",
    "Exception",
    "exception",
    "DEBUG",
    "settings.py",
    "ALLOWED_HOSTS",
    "Invalid HTTP_HOST",
    "CSRF verification",
    "CSRF token",
    "CSRF cookie",
    "Referer",
    "Forbidden",
    "Server Error",
    "Bad Request",
    "PermissionDenied",
    "matches the given query",
    "django.",
    "<script>",
    "style=",
)


def assert_silent_page(response, status, heading, *secrets, early=False):
    assert response.status_code == status
    body = response.content.decode()
    assert heading in body
    assert 'class="ds-heading"' in body
    assert '<html lang="nb"' in body
    for word in (*INTERNALS, *secrets):
        assert word not in body, word
    if not early:  # refused before the middleware that adds these ran
        assert "no-store" in response["Cache-Control"]
        assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


@pytest.mark.django_db
def test_400_on_a_forged_host_says_only_that_the_request_was_invalid(client):
    response = client.get("/", HTTP_HOST="angriper.example")
    # Refused by CommonMiddleware, before the CSP and no-store middleware run: a fixed page
    # with no script and nothing personal.
    assert_silent_page(response, 400, "Ugyldig forespørsel", "angriper.example", early=True)


def test_403_for_a_role_without_access(client, personas):
    client.force_login(personas.participant_user)
    response = client.get(reverse("cohort_list"))
    assert_silent_page(response, 403, "Ingen tilgang")


def test_404_for_another_organisations_object_does_not_echo_the_path(client, personas):
    client.force_login(personas.other_coordinator)
    url = reverse("enrolment_detail", kwargs={"pk": personas.enrolment.pk})
    response = client.get(url)
    assert_silent_page(response, 404, "Fant ikke siden", url, "Deltakersen")


@pytest.mark.django_db
def test_404_for_a_missing_page(client):
    response = client.get("/finnes-ikke-spor-etter/")
    assert_silent_page(response, 404, "Fant ikke siden", "finnes-ikke-spor-etter")


@pytest.mark.urls("brobygger.core.tests.urls_boom")
@pytest.mark.django_db
def test_500_says_something_went_wrong_and_nothing_else():
    client = Client(raise_request_exception=False)
    response = client.get("/provoser-500/")
    assert_silent_page(response, 500, "Noe gikk galt", SECRET_DETAIL, "RuntimeError", "boom")


def test_csrf_failure_asks_to_reload_the_form_and_hides_the_reason(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.coordinator)
    response = client.post(reverse("cohort_create"), {"name": "Kull"})
    assert_silent_page(response, 403, "Skjemaet er utløpt")


@pytest.mark.django_db
def test_csrf_failure_on_the_login_page_too():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "x", "password": "y"})
    assert_silent_page(response, 403, "Skjemaet er utløpt")
