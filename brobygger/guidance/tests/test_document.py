"""Public download of a library document: the current, published version's PDF only."""

import uuid

from django.urls import reverse

from brobygger.guidance import services
from brobygger.guidance.tests.factories import PDF_BYTES, bytes_of, make_resource, pdf


def url(resource):
    return reverse("guidance_document", args=[resource.key])


def test_anyone_downloads_the_current_pdf_as_an_attachment(client, personas):
    resource = make_resource(by=personas.admin, url="", document=pdf("Råd om mottak.pdf"))
    response = client.get(url(resource))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "R%C3%A5d%20om%20mottak.pdf" in response["Content-Disposition"]
    assert bytes_of(response) == PDF_BYTES


def test_after_a_new_upload_the_new_file_is_served(client, personas):
    resource = make_resource(by=personas.admin, url="", document=pdf("a.pdf"))
    newer = PDF_BYTES.replace(b"Count 0", b"Count 0 ")
    services.resource_edit(
        by=personas.admin,
        resource=resource,
        based_on=1,
        title="Lønnstilskudd",
        document=pdf("b.pdf", newer),
        tags=["Lønnstilskudd"],
        summary="Om lønnstilskudd.",
    )
    assert bytes_of(client.get(url(resource))) == newer


def test_a_link_a_hidden_resource_or_an_unknown_key_is_404(client, personas):
    link = make_resource(by=personas.admin)
    hidden = make_resource(by=personas.admin, url="", document=pdf(), is_published=False)
    assert client.get(url(link)).status_code == 404
    assert client.get(url(hidden)).status_code == 404
    assert client.get(reverse("guidance_document", args=[uuid.uuid4()])).status_code == 404


def test_a_document_replaced_by_a_link_is_no_longer_served(client, personas):
    resource = make_resource(by=personas.admin, url="", document=pdf())
    services.resource_edit(
        by=personas.admin,
        resource=resource,
        based_on=1,
        title="Lønnstilskudd",
        url="https://www.nav.no/",
        remove_document=True,
    )
    assert client.get(url(resource)).status_code == 404


def test_wrong_method_is_405(client, personas):
    resource = make_resource(by=personas.admin, url="", document=pdf())
    assert client.post(url(resource)).status_code == 405
