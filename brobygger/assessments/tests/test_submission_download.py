import hashlib

import pytest
from django.http import FileResponse
from django.urls import reverse

from brobygger.assessments.services import submission_create
from brobygger.assessments.tests.factories import MINIMAL_PDF, minimal_docx, upload
from brobygger.core.models import AuditEvent


@pytest.fixture
def submission(personas):
    return submission_create(
        by=personas.participant_user,
        enrolment=personas.enrolment,
        upload=upload('Dina "min" oppgave.pdf', MINIMAL_PDF),
    )


def url(submission):
    return reverse("submission_download", args=[submission.pk])


def body(response):
    # The test client closes the response (and the file) once the stream is consumed; an
    # explicit close() would also fire request_finished and drop the test's database connection.
    return b"".join(response.streaming_content)


def test_anonymous_is_sent_to_login(client, submission):
    response = client.get(url(submission))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


@pytest.mark.parametrize("who", ["other_participant_user", "other_coordinator"])
def test_others_get_404(client, personas, submission, who):
    client.force_login(getattr(personas, who))
    assert client.get(url(submission)).status_code == 404
    assert not AuditEvent.objects.filter(action="download").exists()


@pytest.mark.parametrize("who", ["caseworker", "teacher", "supervisor", "admin"])
def test_other_roles_are_refused(client, personas, submission, who):
    client.force_login(getattr(personas, who))
    assert client.get(url(submission)).status_code == 403


def test_wrong_method(client, personas, submission):
    client.force_login(personas.participant_user)
    assert client.post(url(submission)).status_code == 405


@pytest.mark.parametrize("who", ["participant_user", "coordinator"])
def test_download_as_a_streamed_attachment(client, personas, submission, who):
    client.force_login(getattr(personas, who))
    response = client.get(url(submission))
    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    assert response.streaming
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="Dina min oppgave.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert hashlib.sha256(body(response)).hexdigest() == submission.sha256
    event = AuditEvent.objects.get(action="download")
    assert event.actor == getattr(personas, who)
    assert event.object_id == str(submission.pk)


def test_docx_content_type(client, personas):
    docx = submission_create(
        by=personas.coordinator,
        enrolment=personas.enrolment,
        upload=upload("Ærlig oppgave.docx", minimal_docx()),
    )
    client.force_login(personas.participant_user)
    response = client.get(url(docx))
    assert response["Content-Type"] == docx.content_type
    assert "filename*=utf-8''%C3%86rlig%20oppgave.docx" in response["Content-Disposition"]
    body(response)


def test_a_missing_file_is_404(client, personas, submission):
    from brobygger.assessments.services import storage

    storage().delete(submission.file.name)
    client.force_login(personas.coordinator)
    assert client.get(url(submission)).status_code == 404
