"""Administrators see every version of a page and can restore an old one."""

from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.guidance import services
from brobygger.guidance.tests.factories import make_page


def history(page):
    return reverse("guidance_page_history", args=[page.pk])


def restore(page, number):
    return reverse("guidance_page_restore", args=[page.pk, number])


def two_versions(personas):
    page = make_page(by=personas.admin, title="Mottak", body="Tekst v1")
    services.page_edit(by=personas.admin, page=page, based_on=1, title="Mottak", body="Tekst v2")
    return page


def test_anonymous_is_sent_to_login(client, personas):
    page = make_page(by=personas.admin)
    for response in (client.get(history(page)), client.post(restore(page, 1))):
        assert response.status_code == 302
        assert "/konto/login" in response["Location"]


def test_only_administrators(client, personas):
    page = two_versions(personas)
    client.force_login(personas.coordinator)
    assert client.get(history(page)).status_code == 403
    assert client.post(restore(page, 1)).status_code == 403
    assert page.versions.count() == 2


def test_wrong_methods_are_405_and_unknown_pages_404(client, personas):
    page = make_page(by=personas.admin)
    client.force_login(personas.admin)
    assert client.post(history(page)).status_code == 405
    assert client.get(restore(page, 1)).status_code == 405
    assert client.get(reverse("guidance_page_history", args=[999999])).status_code == 404
    assert client.post(reverse("guidance_page_restore", args=[999999, 1])).status_code == 404


def test_the_history_shows_every_version_newest_first(client, personas):
    page = two_versions(personas)
    client.force_login(personas.admin)
    html = client.get(history(page)).content.decode()
    assert html.index("Versjon 2") < html.index("Versjon 1")
    assert "Tekst v1" in html and "Tekst v2" in html
    assert "Gjeldende" in html
    assert restore(page, 1) in html
    assert restore(page, 2) not in html  # the current one has no restore button


def test_restoring_adds_a_new_version_with_the_old_content(client, personas):
    page = two_versions(personas)
    client.force_login(personas.admin)
    response = client.post(restore(page, 1))
    assert response["Location"] == history(page)
    latest = page.versions.latest("number")
    assert (latest.number, latest.body, latest.restored_from, latest.created_by) == (
        3,
        "Tekst v1",
        1,
        personas.admin,
    )
    assert page.versions.count() == 3
    html = client.get(response["Location"]).content.decode()
    assert "Versjon 1 er gjenopprettet som ny versjon 3." in html
    assert "Gjenopprettet fra versjon 1" in html
    assert AuditEvent.objects.filter(
        object_type="guidance.guidancepageversion", object_id=str(latest.pk)
    ).exists()
    assert "Tekst v1" in client.get(reverse("guidance_page", args=[page.slug])).content.decode()


def test_restoring_the_current_or_a_missing_version_is_refused(client, personas):
    page = two_versions(personas)
    client.force_login(personas.admin)
    html = client.post(restore(page, 2), follow=True).content.decode()
    assert "Dette er allerede gjeldende versjon." in html
    html = client.post(restore(page, 9), follow=True).content.decode()
    assert "Versjonen finnes ikke." in html
    assert page.versions.count() == 2


def test_the_query_count_is_fixed(client, personas, django_assert_num_queries):
    page = two_versions(personas)
    client.force_login(personas.admin)
    with django_assert_num_queries(5):  # session, user, memberships, page, versions
        client.get(history(page))
    for n in range(3, 7):
        services.page_edit(
            by=personas.admin, page=page, based_on=n - 1, title="Mottak", body=f"v{n}"
        )
    with django_assert_num_queries(5):
        client.get(history(page))
