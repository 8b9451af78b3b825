import pytest
from django.urls import reverse

from brobygger.assessments.models import Assessment, Outcome
from brobygger.assessments.tests.factories import make_attempts


@pytest.fixture
def submission(personas):
    return make_attempts(personas.enrolment, 1, by=personas.participant_user)[0]


def url(submission):
    return reverse("submission_assess", args=[submission.pk])


def test_anonymous_is_sent_to_login(client, submission):
    response = client.get(url(submission))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_other_organisation_gets_404(client, personas, submission):
    client.force_login(personas.other_coordinator)
    assert client.get(url(submission)).status_code == 404
    response = client.post(url(submission), {"outcome": "approved"})
    assert response.status_code == 404
    assert not Assessment.objects.exists()


def test_participant_cannot_assess(client, personas, submission):
    client.force_login(personas.participant_user)
    assert client.post(url(submission), {"outcome": "approved"}).status_code == 403
    assert not Assessment.objects.exists()


def test_wrong_method(client, personas, submission):
    client.force_login(personas.coordinator)
    assert client.put(url(submission)).status_code == 405


def test_the_form(client, personas, submission):
    client.force_login(personas.coordinator)
    page = client.get(url(submission)).content.decode()
    for value in ("approved", "not_approved", "resubmit"):
        assert f'type="radio" name="outcome" value="{value}"' in page
    assert "<legend" in page
    assert 'name="feedback"' in page
    assert reverse("submission_download", args=[submission.pk]) in page


def test_assess(client, personas, submission):
    client.force_login(personas.coordinator)
    response = client.post(
        url(submission), {"outcome": "resubmit", "feedback": "Utdyp praksisdelen."}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("enrolment_detail", args=[personas.enrolment.pk])
    assessment = Assessment.objects.get()
    assert assessment.submission == submission
    assert assessment.outcome == Outcome.RESUBMIT
    assert assessment.feedback == "Utdyp praksisdelen."
    assert assessment.assessed_by == personas.coordinator


def test_feedback_is_required_unless_approved(client, personas, submission):
    client.force_login(personas.coordinator)
    response = client.post(url(submission), {"outcome": "not_approved", "feedback": ""})
    assert response.status_code == 200
    assert "Skriv en tilbakemelding" in response.content.decode()
    assert not Assessment.objects.exists()


def test_no_outcome(client, personas, submission):
    client.force_login(personas.coordinator)
    response = client.post(url(submission), {"feedback": "Fint"})
    assert "Velg en vurdering." in response.content.decode()
    assert not Assessment.objects.exists()


def test_already_assessed_shows_no_form_and_refuses_again(client, personas):
    [submission] = make_attempts(
        personas.enrolment, 1, by=personas.coordinator, last_outcome=Outcome.APPROVED
    )
    client.force_login(personas.coordinator)
    page = client.get(url(submission)).content.decode()
    assert "allerede vurdert" in page
    assert 'name="outcome"' not in page
    response = client.post(url(submission), {"outcome": "not_approved", "feedback": "x"})
    assert "allerede vurdert" in response.content.decode()
    assert Assessment.objects.get().outcome == Outcome.APPROVED


@pytest.mark.parametrize("count", [2, 20])
def test_query_count(client, personas, count, django_assert_num_queries):
    latest = make_attempts(personas.enrolment, count, by=personas.coordinator)[-1]
    client.force_login(personas.coordinator)
    client.get(url(latest))
    with django_assert_num_queries(6):  # 5 + the read-log entry
        response = client.get(url(latest))
    assert 'name="outcome"' in response.content.decode()
