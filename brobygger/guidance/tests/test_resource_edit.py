"""Editing a resource adds a version; documents are kept, replaced or removed."""

from django.urls import reverse

from brobygger.core.tests.stale import NOTHING_SAVED, STALE
from brobygger.guidance.tests.factories import PDF_BYTES, make_resource, not_pdf, pdf


def url(resource):
    return reverse("guidance_resource_edit", args=[resource.pk])


def data(**overrides):
    return {
        "title": "Lønnstilskudd",
        "summary": "Oppdatert.",
        "url": "https://www.nav.no/arbeidsgiver/lonnstilskudd",
        "tags": "Lønnstilskudd, NAV",
        "is_published": "on",
        "based_on": "1",
        **overrides,
    }


def test_anonymous_is_sent_to_login(client, personas):
    resource = make_resource(by=personas.admin)
    response = client.get(url(resource))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_only_administrators_may_edit(client, personas):
    resource = make_resource(by=personas.admin)
    client.force_login(personas.coordinator)
    assert client.post(url(resource), data()).status_code == 403
    assert resource.versions.count() == 1


def test_an_unknown_resource_is_404_and_wrong_method_405(client, personas):
    resource = make_resource(by=personas.admin)
    client.force_login(personas.admin)
    assert client.get(reverse("guidance_resource_edit", args=[999999])).status_code == 404
    assert client.delete(url(resource)).status_code == 405


def test_the_form_starts_from_the_current_version(client, personas):
    resource = make_resource(by=personas.admin, tags=["Lønnstilskudd", "Finansiering"])
    client.force_login(personas.admin)
    html = client.get(url(resource)).content.decode()
    assert 'value="Finansiering, Lønnstilskudd"' in html
    assert 'name="based_on" value="1"' in html
    assert 'name="remove_document"' not in html  # no document to remove


def test_saving_adds_a_version_and_keeps_the_old_one(client, personas):
    resource = make_resource(by=personas.admin)
    client.force_login(personas.admin)
    response = client.post(url(resource), data())
    assert response["Location"] == reverse("guidance_resource_history", args=[resource.pk])
    v1, v2 = resource.versions.order_by("number")
    assert (v1.summary, v2.summary) == ("Om lønnstilskudd.", "Oppdatert.")
    assert sorted(v1.tags.values_list("name", flat=True)) == ["Lønnstilskudd"]
    assert sorted(v2.tags.values_list("name", flat=True)) == ["Lønnstilskudd", "NAV"]


def test_a_document_is_kept_without_a_new_upload(client, personas):
    resource = make_resource(by=personas.admin, url="", document=pdf("a.pdf"))
    client.force_login(personas.admin)
    assert 'name="remove_document"' in client.get(url(resource)).content.decode()
    client.post(url(resource), data(url="", summary="Ny beskrivelse"))
    v1, v2 = resource.versions.order_by("number")
    assert v2.document.name == v1.document.name
    assert (v2.document_name, v2.document_size) == ("a.pdf", len(PDF_BYTES))


def test_a_new_upload_replaces_the_document_in_the_new_version(client, personas):
    resource = make_resource(by=personas.admin, url="", document=pdf("a.pdf"))
    client.force_login(personas.admin)
    client.post(url(resource), data(url="", document=pdf("b.pdf")))
    v1, v2 = resource.versions.order_by("number")
    assert v2.document.name != v1.document.name
    assert (v1.document_name, v2.document_name) == ("a.pdf", "b.pdf")


def test_the_document_can_be_swapped_for_a_link(client, personas):
    resource = make_resource(by=personas.admin, url="", document=pdf("a.pdf"))
    client.force_login(personas.admin)
    html = client.post(url(resource), data()).content.decode()  # link but keeps the document
    assert "Velg enten en lenke eller et dokument, ikke begge." in html
    client.post(url(resource), data(remove_document="on"))
    current = resource.versions.latest("number")
    assert (current.number, current.document.name, current.url) == (
        2,
        "",
        "https://www.nav.no/arbeidsgiver/lonnstilskudd",
    )


def test_a_false_pdf_is_refused_and_nothing_saved(client, personas):
    resource = make_resource(by=personas.admin, url="", document=pdf())
    client.force_login(personas.admin)
    html = client.post(url(resource), data(url="", document=not_pdf())).content.decode()
    assert "Filen er ikke en gyldig PDF-fil." in html
    assert resource.versions.count() == 1


def test_stale_and_unchanged_edits_are_refused(client, personas):
    resource = make_resource(by=personas.admin)
    client.force_login(personas.admin)
    html = client.post(
        url(resource), data(summary="Om lønnstilskudd.", tags="Lønnstilskudd")
    ).content.decode()
    assert "Du har ikke endret noe, så ingen ny versjon." in html
    client.post(url(resource), data())
    html = client.post(url(resource), data(summary="Igjen")).content.decode()
    assert STALE in html and NOTHING_SAVED in html
    assert resource.versions.count() == 2
    assert 'name="based_on" value="2"' in html  # shown again against the current version
    assert client.post(url(resource), data(summary="Igjen", based_on="2")).status_code == 302
    assert resource.versions.latest("number").summary == "Igjen"
