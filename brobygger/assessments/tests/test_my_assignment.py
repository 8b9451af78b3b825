import pytest
from django.urls import reverse

from brobygger.assessments.models import Outcome, Submission
from brobygger.assessments.tests.factories import (
    MINIMAL_PDF,
    make_attempts,
    minimal_odt,
    stored_files,
    upload,
)
from brobygger.enrolments.models import Status
from brobygger.enrolments.services import enrolment_transition

URL = reverse("my_assignment")


def post(client, enrolment, name="oppgave.pdf", content=MINIMAL_PDF):
    return client.post(URL, {"enrolment": enrolment.pk, "file": upload(name, content)})


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_staff_roles_are_refused(client, personas):
    client.force_login(personas.coordinator)
    assert client.get(URL).status_code == 403


def test_wrong_method(client, personas):
    client.force_login(personas.participant_user)
    assert client.put(URL).status_code == 405


def test_the_form_takes_pdf_docx_odt(client, personas):
    client.force_login(personas.participant_user)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file"' in html
    assert 'accept=".pdf,.docx,.odt"' in html
    assert 'class="ds-input"' in html
    assert personas.cohort.name in html


def test_hand_in(client, personas):
    client.force_login(personas.participant_user)
    response = post(client, personas.enrolment, "Min oppgave.odt", minimal_odt())
    assert response.status_code == 302
    assert response["Location"] == URL
    submission = Submission.objects.get()
    assert submission.enrolment == personas.enrolment
    assert submission.submitted_by == personas.participant_user
    assert submission.original_name == "Min oppgave.odt"
    page = client.get(URL).content.decode()
    assert "Oppgaven er levert" in page
    assert reverse("submission_download", args=[submission.pk]) in page
    assert "Venter på vurdering" in page
    assert 'type="file"' not in page  # waiting for the assessment: no new upload


def test_a_large_upload_spooled_to_disk_is_stored_whole(client, personas, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # force a temporary file upload
    content = MINIMAL_PDF + b"%" + b"x" * 50_000 + b"\n"
    client.force_login(personas.participant_user)
    assert post(client, personas.enrolment, content=content).status_code == 302
    [path] = stored_files()
    assert path.read_bytes() == content
    assert Submission.objects.get().size == len(content)


def test_a_text_file_renamed_pdf_is_refused_and_nothing_saved(client, personas):
    client.force_login(personas.participant_user)
    response = post(client, personas.enrolment, "oppgave.pdf", b"Bare litt tekst.\n")
    assert response.status_code == 200
    assert "Innholdet stemmer ikke med filnavnet." in response.content.decode()
    assert not Submission.objects.exists()
    assert stored_files() == []


def test_too_large(client, personas, settings):
    settings.ASSIGNMENT_MAX_BYTES = 100
    client.force_login(personas.participant_user)
    response = post(client, personas.enrolment)
    assert "Filen er for stor (maks 100 B)." in response.content.decode()
    assert not Submission.objects.exists()
    assert stored_files() == []


def test_no_file(client, personas):
    client.force_login(personas.participant_user)
    response = client.post(URL, {"enrolment": personas.enrolment.pk})
    assert "Velg en fil å laste opp." in response.content.decode()
    assert not Submission.objects.exists()


def test_cannot_hand_in_for_someone_else(client, personas):
    client.force_login(personas.other_participant_user)
    response = post(client, personas.enrolment)
    assert response.status_code == 200
    assert "Du kan ikke levere oppgave for denne deltakelsen nå." in response.content.decode()
    assert not Submission.objects.exists()
    assert stored_files() == []


def test_sees_only_own_attempts(client, personas):
    [theirs] = make_attempts(personas.enrolment, 1, by=personas.participant_user)
    client.force_login(personas.other_participant_user)
    page = client.get(URL).content.decode()
    assert reverse("submission_download", args=[theirs.pk]) not in page
    assert "oppgave-1.pdf" not in page


def test_a_second_post_while_waiting_is_refused(client, personas):
    make_attempts(personas.enrolment, 1, by=personas.participant_user)
    client.force_login(personas.participant_user)
    response = post(client, personas.enrolment)
    assert "Forrige innlevering er ikke vurdert ennå." in response.content.decode()
    assert Submission.objects.count() == 1


def test_resubmit_shows_feedback_and_the_form_again(client, personas):
    make_attempts(personas.enrolment, 1, by=personas.coordinator, last_outcome=Outcome.RESUBMIT)
    client.force_login(personas.participant_user)
    page = client.get(URL).content.decode()
    assert "Må leveres på nytt" in page
    assert "Skriv mer om egen erfaring." in page
    assert "Lever på nytt" in page
    assert post(client, personas.enrolment).status_code == 302
    assert list(Submission.objects.values_list("attempt", flat=True)) == [1, 2]


def test_a_finished_enrolment_still_shows_its_attempts_but_no_form(client, personas):
    make_attempts(personas.enrolment, 1, by=personas.coordinator, last_outcome=Outcome.APPROVED)
    # Setup shortcut past the completion check (tested in the completion app).
    enrolment_transition(
        by=None, enrolment=personas.enrolment, to=Status.FULLFORT, confirmed_completion=True
    )
    client.force_login(personas.participant_user)
    page = client.get(URL).content.decode()
    assert "Godkjent" in page
    assert 'type="file"' not in page


@pytest.mark.parametrize("count", [2, 20])
def test_query_count(client, personas, count, django_assert_num_queries):
    make_attempts(personas.enrolment, count, by=personas.coordinator, last_outcome="resubmit")
    client.force_login(personas.participant_user)
    client.get(URL)  # warm the session
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert response.content.decode().count("/fil/") == count
