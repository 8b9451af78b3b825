"""GET /meg/: the participant's own progress, in plain language."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from brobygger.accounts.models import Role
from brobygger.assessments.models import Outcome
from brobygger.completion.services import completion_confirm
from brobygger.completion.tests.factories import (
    TODAY,
    add_weeks,
    assess,
    attend,
    make_eligible,
    sessions_of,
    submit,
)
from brobygger.testing import make_user

URL = "/meg/"


def test_the_url_name():
    assert reverse("my_progress") == URL


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_staff_roles_are_refused(client, personas):
    for user in (personas.coordinator, personas.caseworker, personas.other_coordinator):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.participant_user)
    assert client.post(URL).status_code == 405


def test_the_participant_sees_what_is_missing_for_them_only(client, personas):
    add_weeks(personas.enrolment, 2, host=personas.host, supervisor=personas.supervisor)
    add_weeks(personas.other_enrolment, 7, host=personas.host, supervisor=personas.supervisor)
    client.force_login(personas.participant_user)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Min framdrift" in html
    assert personas.cohort.name in html
    assert "Dette gjenstår før du kan fullføre:" in html
    assert "<li>180 timer teori</li>" in html
    assert "<li>18 praksisuker</li>" in html
    assert "2 / 20 uker" in html
    assert "7 / 20 uker" not in html  # the other participant's figures
    assert personas.other_enrolment.participant.full_name not in html
    assert reverse("enrolment_detail", args=[personas.other_enrolment.pk]) not in html
    assert reverse("my_timesheets") in html
    assert reverse("my_assignment") in html


def test_eligible_and_then_completed(client, personas):
    make_eligible(personas.enrolment, personas=personas)
    client.force_login(personas.participant_user)
    html = client.get(URL).content.decode()
    assert "Du oppfyller alle kravene." in html
    completion_confirm(
        by=personas.coordinator, enrolment=personas.enrolment, completed_on=TODAY.date()
    )
    html = client.get(URL).content.decode()
    assert "Du fullførte utdanningen 03.05.2027. Gratulerer!" in html


def test_a_participant_without_enrolment_is_told_so(client, personas):
    user = make_user(role=Role.PARTICIPANT, org=personas.bergen)
    client.force_login(user)
    html = client.get(URL).content.decode()
    assert "Du er ikke registrert på noe kull ennå." in html


def test_the_number_of_queries_does_not_grow_with_the_data(client, personas):
    # One row of each kind first, so queries that only run when there is something to
    # prefetch are counted in both.
    attend(personas.enrolment, sessions_of(personas.cohort, 1), by=personas.teacher)
    add_weeks(personas.enrolment, 1, host=personas.host, supervisor=personas.supervisor)
    assess(
        submit(personas.enrolment, by=personas.participant_user),
        by=personas.coordinator,
        outcome=Outcome.RESUBMIT,
    )
    client.force_login(personas.participant_user)
    client.get(URL)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    attend(personas.enrolment, sessions_of(personas.cohort, 30)[1:], by=personas.teacher)
    add_weeks(personas.enrolment, 19, host=personas.host, supervisor=personas.supervisor)
    assess(submit(personas.enrolment, by=personas.participant_user), by=personas.coordinator)
    with CaptureQueriesContext(connection) as large:
        assert "Du oppfyller alle kravene." in client.get(URL).content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
