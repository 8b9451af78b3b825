import pytest
from django.test import RequestFactory
from django.urls import reverse

from brobygger.assessments.models import Outcome
from brobygger.assessments.panels import enrolment_panel
from brobygger.assessments.tests.factories import make_attempts
from brobygger.enrolments.access import enrolment_for_user


def render_for(user, enrolment):
    request = RequestFactory().get("/")
    request.user = user
    return str(enrolment_panel(request, enrolment_for_user(request, enrolment.pk)))


def test_coordinator_sees_files_feedback_and_the_assess_link(personas):
    attempts = make_attempts(personas.enrolment, 2, by=personas.coordinator)
    html = render_for(personas.coordinator, personas.enrolment)
    assert "Skriftlig oppgave" in html
    assert "Skriv mer om egen erfaring." in html  # feedback on attempt 1
    for attempt in attempts:
        assert reverse("submission_download", args=[attempt.pk]) in html
    assert reverse("submission_assess", args=[attempts[1].pk]) in html
    assert reverse("submission_assess", args=[attempts[0].pk]) not in html
    assert "Last opp på vegne av deltakeren" not in html  # waiting for the assessment


def test_coordinator_may_upload_on_behalf_when_open(personas):
    make_attempts(personas.enrolment, 1, by=personas.coordinator, last_outcome=Outcome.RESUBMIT)
    html = render_for(personas.coordinator, personas.enrolment)
    assert "Last opp på vegne av deltakeren" in html
    assert reverse("enrolment_submission_create", args=[personas.enrolment.pk]) in html
    assert "/vurder/" not in html


def test_participant_sees_own_feedback_but_no_assess_link(personas):
    make_attempts(personas.enrolment, 1, by=personas.coordinator, last_outcome=Outcome.RESUBMIT)
    html = render_for(personas.participant_user, personas.enrolment)
    assert "Skriv mer om egen erfaring." in html
    assert "/fil/" in html
    assert "/vurder/" not in html
    assert "Last opp på vegne" not in html
    assert reverse("my_assignment") in html


def test_caseworker_sees_outcomes_only(personas):
    make_attempts(personas.enrolment, 1, by=personas.coordinator, last_outcome=Outcome.RESUBMIT)
    html = render_for(personas.caseworker, personas.enrolment)
    assert "Må leveres på nytt" in html
    assert "Skriv mer om egen erfaring." not in html
    assert "/fil/" not in html
    assert "/vurder/" not in html


def test_no_attempts(personas):
    assert "Ingen innleveringer ennå." in render_for(personas.coordinator, personas.enrolment)


@pytest.mark.parametrize("count", [2, 20])
def test_query_count(personas, count, django_assert_num_queries):
    make_attempts(personas.enrolment, count, by=personas.coordinator)
    request = RequestFactory().get("/")
    request.user = personas.coordinator
    enrolment = enrolment_for_user(request, personas.enrolment.pk)
    with django_assert_num_queries(2):
        html = str(enrolment_panel(request, enrolment))
    assert html.count("/fil/") == count
