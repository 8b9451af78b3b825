"""Administrators add a resource: a link or an uploaded PDF, with tags."""

from django.core.files.storage import default_storage
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.guidance.models import Resource, Tag
from brobygger.guidance.tests.factories import PDF_BYTES, not_pdf, pdf

URL = reverse("guidance_resource_create")


def data(**overrides):
    return {
        "title": "Veileder for arbeidsgivere",
        "summary": "Fra direktoratet.",
        "url": "https://www.nav.no/arbeidsgiver",
        "tags": "Rekruttering, Lønnstilskudd, rekruttering",
        "is_published": "on",
        **overrides,
    }


def new_resources():
    return Resource.objects.filter(versions__created_by__isnull=False)


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_only_administrators_may_add(client, personas):
    client.force_login(personas.employer)
    assert client.post(URL, data()).status_code == 403
    assert not new_resources().exists()


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.admin)
    assert client.put(URL).status_code == 405


def test_the_administrator_adds_a_link_with_tags(client, personas):
    client.force_login(personas.admin)
    response = client.post(URL, data())
    resource = new_resources().get()
    assert response["Location"] == reverse("guidance_resource_history", args=[resource.pk])
    version = resource.versions.get()
    assert (version.number, version.url, version.document.name) == (
        1,
        "https://www.nav.no/arbeidsgiver",
        "",
    )
    assert sorted(version.tags.values_list("slug", flat=True)) == ["lonnstilskudd", "rekruttering"]
    assert Tag.objects.filter(slug="rekruttering").count() == 1
    event = AuditEvent.objects.get(object_type="guidance.resourceversion")
    assert sorted(event.changes["tags"][1]) == ["Lønnstilskudd", "Rekruttering"]


def test_the_administrator_uploads_a_pdf_to_the_default_storage(client, personas):
    client.force_login(personas.admin)
    client.post(URL, data(url="", document=pdf("Brosjyre: tips?.pdf")))
    version = new_resources().get().versions.get()
    assert version.document.name.startswith("veiledning/") and version.document.name.endswith(
        ".pdf"
    )
    assert "Brosjyre" not in version.document.name  # stored under our own name
    assert version.document_name == "Brosjyre tips.pdf"
    assert version.document_size == len(PDF_BYTES)
    with default_storage.open(version.document.name) as stored:
        assert stored.read() == PDF_BYTES


def test_only_real_pdfs_are_accepted(client, personas):
    client.force_login(personas.admin)
    html = client.post(URL, data(url="", document=not_pdf())).content.decode()
    assert "Filen er ikke en gyldig PDF-fil. Bare PDF kan lastes opp." in html
    assert 'id="id_document_error"' in html
    html = client.post(URL, data(url="", document=pdf("tips.docx"))).content.decode()
    assert "Filen er ikke en gyldig PDF-fil." in html
    assert not new_resources().exists()


def test_a_too_large_pdf_is_refused(client, personas, settings):
    settings.GUIDANCE_DOCUMENT_MAX_BYTES = 10
    client.force_login(personas.admin)
    html = client.post(URL, data(url="", document=pdf())).content.decode()
    assert "Filen er for stor (maks 10 B)." in html
    assert not new_resources().exists()


def test_a_link_or_a_document_but_not_both_or_neither(client, personas):
    client.force_login(personas.admin)
    html = client.post(URL, data(url="")).content.decode()
    assert "Legg inn en lenke eller last opp et dokument." in html
    html = client.post(URL, data(document=pdf())).content.decode()
    assert "Velg enten en lenke eller et dokument, ikke begge." in html
    assert not new_resources().exists()


def test_bad_input_shows_norwegian_messages_and_saves_nothing(client, personas):
    client.force_login(personas.admin)
    html = client.post(
        URL, data(title="", url="javascript:alert(1)", tags="x" * 51)
    ).content.decode()
    assert "Skriv en tittel." in html
    assert "Skriv en gyldig nettadresse som begynner med https://." in html
    assert "Et emneord kan ha høyst 50 tegn." in html
    html = client.post(URL, data(url="ftp://example.no/fil")).content.decode()
    assert "Skriv en gyldig nettadresse som begynner med https://." in html
    assert not new_resources().exists()
