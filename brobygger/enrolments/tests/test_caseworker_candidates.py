import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from brobygger.enrolments.models import Status
from brobygger.testing import make_enrolment

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC), tick=False)

URL = "/mine-kandidater/"


def test_the_url_name_resolves():
    assert reverse("caseworker_candidates") == URL


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_coordinator_is_refused(client, personas):
    client.force_login(personas.coordinator)
    assert client.get(URL).status_code == 403


def test_post_is_not_allowed(client, personas):
    client.force_login(personas.caseworker)
    assert client.post(URL).status_code == 405


def test_the_caseworker_sees_their_referral_and_not_others(client, personas):
    client.force_login(personas.caseworker)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert [row.enrolment for row in response.context["rows"]] == [personas.enrolment]
    assert "Dina Deltakersen" in page
    assert "Dag Deltakersen" not in page  # other_enrolment: not referred
    assert "Siri Stavang" not in page
    assert reverse("enrolment_detail", args=[personas.enrolment.pk]) in page
    row = response.context["rows"][0]
    assert row.progress is not None  # taking part: progress is shown
    assert row.progress.summary_text in page


def test_an_applicant_shows_status_without_progress(client, personas):
    applicant = make_enrolment(
        personas.cohort,
        status=Status.VURDERES,
        referred_by=personas.caseworker,
        referring_organisation=personas.nav,
    )
    client.force_login(personas.caseworker)
    rows = {row.enrolment: row for row in client.get(URL).context["rows"]}
    assert rows[applicant].progress is None
    assert rows[personas.enrolment].progress is not None


def _refer(personas, count):
    for i in range(count):
        make_enrolment(
            personas.cohort,
            status=Status.DELTAR if i % 2 else Status.VURDERES,
            referred_by=personas.caseworker,
            referring_organisation=personas.nav,
        )


def test_the_query_count_does_not_grow_with_rows(client, personas):
    # Compared rather than pinned: progress_for belongs to the completion app and its own
    # count may change; what this page owes is that rows add no queries.
    client.force_login(personas.caseworker)
    _refer(personas, 1)
    with CaptureQueriesContext(connection) as two_rows:
        assert len(client.get(URL).context["rows"]) == 2
    _refer(personas, 20)
    with CaptureQueriesContext(connection) as many_rows:
        assert len(client.get(URL).context["rows"]) == 22
    assert len(many_rows) == len(two_rows)
    # session, user, memberships, the enrolments, and at least one progress summary.
    assert len(two_rows) >= 5
