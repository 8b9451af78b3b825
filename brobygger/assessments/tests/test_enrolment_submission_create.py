import pytest
from django.urls import reverse

from brobygger.assessments.models import Outcome, Submission
from brobygger.assessments.tests.factories import (
    MINIMAL_PDF,
    docx_bomb,
    make_attempts,
    minimal_docx,
    stored_files,
    upload,
)


def url(enrolment):
    return reverse("enrolment_submission_create", args=[enrolment.pk])


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get(url(personas.enrolment))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_other_organisation_gets_404(client, personas):
    client.force_login(personas.other_coordinator)
    assert client.get(url(personas.enrolment)).status_code == 404
    response = client.post(url(personas.enrolment), {"file": upload()})
    assert response.status_code == 404
    assert not Submission.objects.exists()


def test_participants_and_caseworkers_are_refused(client, personas):
    for user in (personas.participant_user, personas.caseworker):
        client.force_login(user)
        assert client.get(url(personas.enrolment)).status_code == 403


def test_wrong_method(client, personas):
    client.force_login(personas.coordinator)
    assert client.delete(url(personas.enrolment)).status_code == 405


def test_upload_on_the_participants_behalf(client, personas):
    client.force_login(personas.coordinator)
    page = client.get(url(personas.enrolment)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'accept=".pdf,.docx,.odt"' in page
    response = client.post(
        url(personas.enrolment), {"file": upload("fra e-post.docx", minimal_docx())}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("enrolment_detail", args=[personas.enrolment.pk])
    submission = Submission.objects.get()
    assert submission.enrolment == personas.enrolment
    assert submission.submitted_by == personas.coordinator
    assert submission.attempt == 1
    assert len(stored_files()) == 1


def test_a_pdf_renamed_docx_is_refused(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(url(personas.enrolment), {"file": upload("oppgave.docx", MINIMAL_PDF)})
    assert response.status_code == 200
    assert "Innholdet stemmer ikke med filnavnet." in response.content.decode()
    assert not Submission.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize(
    ("content", "text"),
    [
        (minimal_docx(extra={"WORD/VBAPROJECT.BIN": "makro"}), "Dokumentet inneholder makroer"),
        (docx_bomb(3 * 1024 * 1024), "Filen blir for stor når den pakkes ut (maks 2 MB)."),
    ],
)
def test_a_docx_with_macros_or_a_zip_bomb_is_refused_with_a_message(
    client, personas, settings, content, text
):
    settings.ASSIGNMENT_MAX_UNPACKED_BYTES = 2 * 1024 * 1024
    client.force_login(personas.coordinator)
    response = client.post(url(personas.enrolment), {"file": upload("oppgave.docx", content)})
    assert response.status_code == 200
    assert text in response.content.decode()
    assert not Submission.objects.exists()
    assert stored_files() == []


def test_refused_after_approval(client, personas):
    make_attempts(personas.enrolment, 1, by=personas.coordinator, last_outcome=Outcome.APPROVED)
    client.force_login(personas.coordinator)
    page = client.get(url(personas.enrolment)).content.decode()
    assert 'type="file"' not in page
    response = client.post(url(personas.enrolment), {"file": upload()})
    assert "Oppgaven er allerede godkjent." in response.content.decode()
    assert Submission.objects.count() == 1


@pytest.mark.parametrize("count", [2, 20])
def test_query_count(client, personas, count, django_assert_num_queries):
    make_attempts(personas.enrolment, count, by=personas.coordinator, last_outcome="resubmit")
    client.force_login(personas.coordinator)
    client.get(url(personas.enrolment))
    with django_assert_num_queries(7):  # 6 + the read-log entry
        response = client.get(url(personas.enrolment))
    assert response.content.decode().count("/fil/") == count
