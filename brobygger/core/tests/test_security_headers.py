"""Every response Django answers carries the hardened headers, and none may be cached: pages,
file downloads and exports can hold personal data. (Production-only headers, HSTS and the
`__Host-` cookies, are checked in test_deploy_check.py.)"""

import pytest
from django.urls import reverse

from brobygger.assessments.services import submission_create
from brobygger.assessments.tests.factories import upload


def assert_hardened(response):
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"
    assert "Expires" not in response and "Last-Modified" not in response


@pytest.mark.django_db
def test_the_login_page_is_hardened_and_not_cached(client):
    assert_hardened(client.get(reverse("account_login")))


def test_a_signed_in_page_is_hardened_and_not_cached(client, personas):
    client.force_login(personas.coordinator)
    assert_hardened(client.get(reverse("cohort_list")))


def test_a_file_download_is_not_cached_even_though_the_view_allows_private_caching(
    client, personas
):
    submission = submission_create(
        by=personas.participant_user, enrolment=personas.enrolment, upload=upload()
    )
    client.force_login(personas.coordinator)
    response = client.get(reverse("submission_download", args=[submission.pk]))
    assert response.status_code == 200
    b"".join(response.streaming_content)
    assert_hardened(response)


def test_a_redirect_to_login_is_not_cached(client, personas):
    response = client.get(reverse("cohort_list"))
    assert response.status_code == 302
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_the_csrf_cookie_is_not_readable_by_scripts(client, settings):
    response = client.get(reverse("account_login"))
    assert response.cookies[settings.CSRF_COOKIE_NAME]["httponly"]
