import io
from dataclasses import replace

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from brobygger.accesslog.models import AccessEvent
from brobygger.core.pdftext import FONT_DIR, _fetcher
from brobygger.core.tests.pdfcheck import MARKUP_PAYLOADS, pdf_words
from brobygger.diplomas import selectors
from brobygger.diplomas.pdf import render_diploma
from brobygger.diplomas.services import diploma_invalidate
from brobygger.diplomas.tests.factories import make_diploma
from brobygger.diplomas.tests.pdfstructure import (
    assert_printed_as_text,
    embedded_fonts,
    structure,
)
from brobygger.testing import make_org

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-21 12:00+01:00", tick=False)


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(content_of(response)))
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
    content = content_of(response)
    for text in ("Fornavn", "Etternavn", "Program", "Kommune", "Partner", "Kull"):
        assert_printed_as_text(content, f"{text} {payload}")


def test_the_diploma_is_a_tagged_pdf_in_the_readers_language(client, personas):
    diploma = make_diploma(personas)
    programme = diploma.completion.version.programme
    client.force_login(personas.participant_user)

    response = client.get(reverse("diploma_pdf", args=[diploma.pk]))
    found = structure(content_of(response))

    assert found.marked
    assert found.lang == "nb"
    assert found.title == f"Vitnemål – {programme.name}"
    assert found.display_title
    # Reading order: the heading, the person and programme, the facts table, the code.
    assert found.tags[0] == "/Document"
    assert found.tags.index("/H1") < found.tags.index("/Table")
    # Teori, Praksis, (Skriftlig oppgave when approved,) Utstedt av: a header for each row.
    rows = 3 + selectors.diploma_facts(diploma).assignment_approved
    assert found.tags.count("/TH") == found.tags.count("/TD") == rows
    assert found.tags.count("/P") >= 5
    assert {"Inter", "Inter-Bold"} <= embedded_fonts(content_of(response))


def test_a_reader_who_prefers_english_gets_lang_en(client, personas):
    diploma = make_diploma(personas)
    client.force_login(personas.participant_user)

    response = client.get(reverse("diploma_pdf", args=[diploma.pk]), HTTP_ACCEPT_LANGUAGE="en")

    assert structure(content_of(response)).lang == "en"


def test_the_same_template_serves_every_language(personas):
    facts = replace(selectors.diploma_facts(make_diploma(personas)), assignment_approved=True)
    for language in ("en", "nn", "nb"):
        with translation.override(language):
            content = render_diploma(facts, verify_url="https://brobygger.test/sjekk/")
        found = structure(content)
        assert found.lang == language
        assert found.marked and found.tags.count("/TH") == 4
    assert "Skriftlig oppgave Godkjent" in pdf_words(content)


def test_the_verification_address_and_the_issue_day_are_printed(client, personas):
    diploma = make_diploma(personas)
    client.force_login(personas.coordinator)

    text = " ".join(pdf_text(client.get(reverse("diploma_pdf", args=[diploma.pk]))).split())

    assert f"Kontrollkode: {diploma.display_code}." in text
    assert "Ektheten kan sjekkes på http://testserver/" in text
    assert "Sted og dato" in text


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/hostname",
        "https://angriper.example/logo.png",
        "http://127.0.0.1/",
        "file:///work/main/brobygger/static/vendor/inter/files/../latin-400.css",
    ],
)
def test_the_renderer_fetches_nothing_from_the_network_or_the_disk(url):
    with pytest.raises(ValueError, match="PDF may not fetch"):
        _fetcher().fetch(url)


def test_the_renderer_loads_data_uris_and_the_fonts():
    assert _fetcher().fetch("data:text/plain;base64,aGVp").read() == b"hei"
    font = (FONT_DIR / "inter-latin-400-normal.woff2").as_uri()
    assert _fetcher().fetch(font).read()[:4] == b"wOF2"
