"""Administrators see every version of a resource, restore one, and open old documents."""

from django.urls import reverse

from brobygger.guidance import services
from brobygger.guidance.tests.factories import PDF_BYTES, bytes_of, make_resource, pdf


def history(resource):
    return reverse("guidance_resource_history", args=[resource.pk])


def restore(resource, number):
    return reverse("guidance_resource_restore", args=[resource.pk, number])


def document(resource, number):
    return reverse("guidance_resource_version_document", args=[resource.pk, number])


def with_link_then_document(personas):
    resource = make_resource(by=personas.admin, title="Lønnstilskudd", tags=["NAV", "Finansiering"])
    services.resource_edit(
        by=personas.admin,
        resource=resource,
        based_on=1,
        title="Brosjyre",
        document=pdf("brosjyre.pdf"),
        tags=["Brosjyre"],
    )
    return resource


def test_anonymous_is_sent_to_login(client, personas):
    resource = make_resource(by=personas.admin)
    for response in (
        client.get(history(resource)),
        client.post(restore(resource, 1)),
        client.get(document(resource, 1)),
    ):
        assert response.status_code == 302
        assert "/konto/login" in response["Location"]


def test_only_administrators(client, personas):
    resource = with_link_then_document(personas)
    client.force_login(personas.county_coordinator)
    assert client.get(history(resource)).status_code == 403
    assert client.post(restore(resource, 1)).status_code == 403
    assert client.get(document(resource, 2)).status_code == 403
    assert resource.versions.count() == 2


def test_wrong_methods_are_405_and_unknown_ones_404(client, personas):
    resource = with_link_then_document(personas)
    client.force_login(personas.admin)
    assert client.post(history(resource)).status_code == 405
    assert client.get(restore(resource, 1)).status_code == 405
    assert client.post(document(resource, 2)).status_code == 405
    assert client.get(reverse("guidance_resource_history", args=[999999])).status_code == 404
    assert client.get(document(resource, 9)).status_code == 404
    assert client.get(document(resource, 1)).status_code == 404  # version 1 is a link


def test_the_history_shows_every_version(client, personas):
    resource = with_link_then_document(personas)
    client.force_login(personas.admin)
    html = client.get(history(resource)).content.decode()
    assert html.index("Versjon 2") < html.index("Versjon 1")
    assert "https://www.nav.no/arbeidsgiver/lonnstilskudd" in html
    assert "Finansiering, NAV" in html
    assert document(resource, 2) in html
    assert restore(resource, 1) in html and restore(resource, 2) not in html


def test_restoring_adds_a_version_with_the_old_link_and_tags(client, personas):
    resource = with_link_then_document(personas)
    client.force_login(personas.admin)
    response = client.post(restore(resource, 1))
    assert response["Location"] == history(resource)
    latest = resource.versions.latest("number")
    assert (
        latest.number,
        latest.title,
        latest.url,
        latest.document.name,
        latest.restored_from,
    ) == (
        3,
        "Lønnstilskudd",
        "https://www.nav.no/arbeidsgiver/lonnstilskudd",
        "",
        1,
    )
    assert sorted(latest.tags.values_list("name", flat=True)) == ["Finansiering", "NAV"]
    # And back to the document: the same stored file, not a copy.
    client.post(restore(resource, 2))
    v2, v4 = resource.versions.get(number=2), resource.versions.get(number=4)
    assert v4.document.name == v2.document.name
    assert bytes_of(client.get(reverse("guidance_document", args=[resource.key]))) == PDF_BYTES


def test_restoring_the_current_version_is_refused(client, personas):
    resource = with_link_then_document(personas)
    client.force_login(personas.admin)
    html = client.post(restore(resource, 2), follow=True).content.decode()
    assert "Dette er allerede gjeldende versjon." in html
    assert resource.versions.count() == 2


def test_an_old_hidden_document_can_be_downloaded_by_the_administrator(client, personas):
    resource = with_link_then_document(personas)
    services.resource_edit(
        by=personas.admin,
        resource=resource,
        based_on=2,
        title="Brosjyre",
        tags=["Brosjyre"],
        is_published=False,
    )
    client.force_login(personas.admin)
    response = client.get(document(resource, 2))
    assert response.status_code == 200
    assert bytes_of(response) == PDF_BYTES


def test_the_query_count_is_fixed(client, personas, django_assert_num_queries):
    resource = with_link_then_document(personas)
    client.force_login(personas.admin)
    with django_assert_num_queries(6):  # session, user, memberships, resource, versions, tags
        client.get(history(resource))
    for n in range(3, 7):
        services.resource_edit(
            by=personas.admin,
            resource=resource,
            based_on=n - 1,
            title=f"Brosjyre {n}",
            tags=["Brosjyre", f"T{n}"],
        )
    with django_assert_num_queries(6):
        client.get(history(resource))
