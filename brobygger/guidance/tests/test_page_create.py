"""Administrators create a guidance page: version 1."""

from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.guidance.models import GuidancePage

URL = reverse("guidance_page_create")


def data(**overrides):
    return {
        "title": "Tilrettelegging på arbeidsplassen",
        "slug": "",
        "summary": "Hva som hjelper.",
        "body": "## Før første dag\n- Avtal oppstart",
        "is_published": "on",
        **overrides,
    }


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_only_administrators_may_create(client, personas):
    client.force_login(personas.coordinator)
    assert client.post(URL, data()).status_code == 403
    assert not GuidancePage.objects.exclude(slug="rad-til-ledere").exists()


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.admin)
    assert client.put(URL).status_code == 405


def test_the_administrator_creates_a_page_with_a_norwegian_slug(client, personas):
    client.force_login(personas.admin)
    response = client.post(URL, data(title="Råd før første økt"))
    page = GuidancePage.objects.get(slug="rad-for-forste-okt")
    assert response.status_code == 302
    assert response["Location"] == reverse("guidance_page_history", args=[page.pk])
    version = page.versions.get()
    assert (version.number, version.title, version.created_by, version.is_published) == (
        1,
        "Råd før første økt",
        personas.admin,
        True,
    )
    assert AuditEvent.objects.filter(object_type="guidance.guidancepage", action="create").exists()
    assert AuditEvent.objects.filter(
        object_type="guidance.guidancepageversion", object_id=str(version.pk)
    ).exists()
    assert client.get(reverse("guidance_page", args=[page.slug])).status_code == 200


def test_a_taken_or_reserved_slug_is_refused(client, personas):
    client.force_login(personas.admin)
    html = client.post(URL, data(slug="rad-til-ledere")).content.decode()
    assert "Adressen «rad-til-ledere» er i bruk. Velg en annen." in html
    html = client.post(URL, data(slug="ressurser")).content.decode()
    assert "Adressen «ressurser» er i bruk." in html
    assert GuidancePage.objects.count() == 1


def test_bad_input_shows_norwegian_messages_and_saves_nothing(client, personas):
    client.force_login(personas.admin)
    html = client.post(URL, data(title="", body="")).content.decode()
    assert "Skriv en tittel." in html
    assert "Skriv teksten på siden." in html
    html = client.post(URL, data(title="!!!", slug="")).content.decode()
    assert "Skriv en adresse med bokstaver eller tall." in html
    assert GuidancePage.objects.count() == 1
