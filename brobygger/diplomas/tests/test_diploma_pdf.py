import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from brobygger.accesslog.models import AccessEvent
from brobygger.core.testing import make_org
from brobygger.core.tests.pdfcheck import MARKUP_PAYLOADS, assert_shows_literally
from brobygger.diplomas.services import diploma_invalidate
from brobygger.diplomas.tests.factories import make_diploma

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-21 12:00+01:00", tick=False)


def pdf_text(response) -> str:
    reader = PdfReader(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_diploma_names_the_programme_hours_weeks_and_code(client, personas):
    diploma = make_diploma(personas)
    client.force_login(personas.coordinator)
    response = client.get(reverse("diploma_pdf", args=[diploma.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response)
    programme = diploma.completion.version.programme
    assert "Vitnemål" in text
    assert personas.enrolment.participant.first_name in text
    assert programme.name in text
    assert "182,5 timer" in text
    assert "20 uker" in text
    assert programme.organisation.name in text
    assert diploma.display_code in text
    assert "Programkoordinator" in text  # the signature line


def test_a_coordinator_download_is_in_the_read_log_the_participants_own_is_not(client, personas):
    diploma = make_diploma(personas)
    client.force_login(personas.coordinator)
    client.get(reverse("diploma_pdf", args=[diploma.pk]))
    entries = AccessEvent.objects.filter(participant=personas.enrolment.participant)
    assert entries.count() == 1
    assert entries.get().actor == personas.coordinator
    client.force_login(personas.participant_user)
    assert client.get(reverse("diploma_pdf", args=[diploma.pk])).status_code == 200
    assert entries.count() == 1


def test_others_get_nothing(client, personas):
    diploma = make_diploma(personas)
    client.force_login(personas.other_participant_user)
    assert client.get(reverse("diploma_pdf", args=[diploma.pk])).status_code == 404
    client.force_login(personas.other_coordinator)
    assert client.get(reverse("diploma_pdf", args=[diploma.pk])).status_code == 404


def test_an_invalidated_diploma_is_not_printed(client, personas):
    diploma = make_diploma(personas)
    diploma_invalidate(diploma=diploma, by=personas.coordinator, reason="Feil kull")
    client.force_login(personas.participant_user)
    assert client.get(reverse("diploma_pdf", args=[diploma.pk])).status_code == 404


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS)
def test_markup_in_every_name_on_the_diploma_is_printed_as_text(client, personas, payload):
    diploma = make_diploma(personas)
    participant = personas.enrolment.participant
    participant.first_name, participant.last_name = f"Fornavn {payload}", f"Etternavn {payload}"
    participant.save(update_fields=["first_name", "last_name"])
    programme = diploma.completion.version.programme
    programme.name = f"Program {payload}"
    programme.save(update_fields=["name"])
    programme.organisation.name = f"Kommune {payload}"
    programme.organisation.save(update_fields=["name"])
    programme.partners.add(make_org(f"Partner {payload}"))
    personas.enrolment.cohort.name = f"Kull {payload}"
    personas.enrolment.cohort.save(update_fields=["name"])
    client.force_login(personas.coordinator)

    response = client.get(reverse("diploma_pdf", args=[diploma.pk]))

    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    for text in ("Fornavn", "Etternavn", "Program", "Kommune", "Partner", "Kull"):
        assert_shows_literally(content, f"{text} {payload}")
