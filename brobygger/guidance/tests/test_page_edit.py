"""Editing a page adds a version; the old one is kept unchanged."""

import re

from django.test import Client
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.core.tests.stale import NOTHING_SAVED, STALE
from brobygger.guidance.models import GuidancePageVersion
from brobygger.guidance.tests.factories import make_page


def url(page):
    return reverse("guidance_page_edit", args=[page.pk])


def data(**overrides):
    return {
        "title": "Ny tittel",
        "summary": "Ny ingress.",
        "body": "Ny tekst.",
        "is_published": "on",
        "based_on": "1",
        **overrides,
    }


def test_anonymous_is_sent_to_login(client, personas):
    page = make_page(by=personas.admin)
    response = client.get(url(page))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_only_administrators_may_edit(client, personas):
    page = make_page(by=personas.admin)
    client.force_login(personas.county_coordinator)
    assert client.post(url(page), data()).status_code == 403
    assert page.versions.count() == 1


def test_an_unknown_page_is_404_and_wrong_method_405(client, personas):
    page = make_page(by=personas.admin)
    client.force_login(personas.admin)
    assert client.get(reverse("guidance_page_edit", args=[999999])).status_code == 404
    assert client.delete(url(page)).status_code == 405


def test_the_form_starts_from_the_current_version(client, personas):
    page = make_page(by=personas.admin, title="Mottak", body="Tekst v1")
    client.force_login(personas.admin)
    html = client.get(url(page)).content.decode()
    assert 'value="Mottak"' in html and "Tekst v1" in html
    assert 'name="based_on" value="1"' in html
    assert 'name="slug"' not in html


def test_saving_adds_version_2_and_keeps_version_1(client, personas):
    page = make_page(by=personas.admin, title="Mottak", body="Tekst v1")
    v1 = page.versions.get()
    client.force_login(personas.admin)
    response = client.post(url(page), data())
    assert response.status_code == 302
    assert response["Location"] == reverse("guidance_page_history", args=[page.pk])
    assert list(page.versions.order_by("number").values_list("number", "title", "body")) == [
        (1, "Mottak", "Tekst v1"),
        (2, "Ny tittel", "Ny tekst."),
    ]
    v1.refresh_from_db()
    assert (v1.title, v1.body) == ("Mottak", "Tekst v1")
    assert (
        AuditEvent.objects.filter(
            object_type="guidance.guidancepageversion", action="create"
        ).count()
        == 2
    )
    assert (
        "Endringene er lagret som versjon 2." in client.get(response["Location"]).content.decode()
    )


def test_unpublishing_is_a_version_too(client, personas):
    page = make_page(by=personas.admin, title="Mottak", body="Tekst", summary="")
    client.force_login(personas.admin)
    client.post(url(page), data(title="Mottak", body="Tekst", summary="", is_published=""))
    assert page.versions.latest("number").is_published is False
    assert client.get(reverse("guidance_page", args=[page.slug])).status_code == 404


def test_an_edit_based_on_an_old_version_is_refused_with_what_changed(personas):
    page = make_page(by=personas.admin, title="Mottak", summary="Kort.")
    first, second = Client(), Client()
    first.force_login(personas.admin)
    second.force_login(personas.admin)
    assert 'name="based_on" value="1"' in first.get(url(page)).content.decode()
    assert 'name="based_on" value="1"' in second.get(url(page)).content.decode()
    assert first.post(url(page), data(summary="Kort.")).status_code == 302
    mine = data(title="Annen", summary="Min ingress.", body="Min tekst.")
    response = second.post(url(page), mine)  # still based on 1
    html = response.content.decode()
    assert STALE in html and NOTHING_SAVED in html
    assert "Tittel (nå «Ny tittel»)" in html and "Tekst (endret)" in html
    # Unchanged, so not named (the message ends at its </p> or, in the error summary, </li>).
    assert "Ingress" not in re.split(r"</(?:p|li)>", html.split(STALE)[1])[0]
    assert page.versions.count() == 2
    assert 'value="Annen"' in html and 'name="based_on" value="2"' in html  # input kept

    assert second.post(url(page), {**mine, "based_on": "2"}).status_code == 302
    assert page.versions.latest("number").title == "Annen"


def test_a_missing_or_unknown_base_version_is_refused(client, personas):
    page = make_page(by=personas.admin)
    client.force_login(personas.admin)
    for based_on in ("", "7"):
        html = client.post(url(page), data(based_on=based_on)).content.decode()
        assert "Skjemaet kunne ikke kontrolleres mot det som er lagret nå." in html
    assert page.versions.count() == 1


def test_saving_without_changes_makes_no_version(client, personas):
    page = make_page(by=personas.admin, title="Mottak", body="Tekst", summary="Kort.")
    client.force_login(personas.admin)
    html = client.post(
        url(page), data(title="Mottak", body="Tekst", summary="Kort.")
    ).content.decode()
    assert "Du har ikke endret noe, så ingen ny versjon." in html
    assert GuidancePageVersion.objects.filter(page=page).count() == 1


def test_bad_input_saves_nothing(client, personas):
    page = make_page(by=personas.admin)
    client.force_login(personas.admin)
    html = client.post(url(page), data(title="", body="")).content.decode()
    assert "Skriv en tittel." in html and "Skriv teksten på siden." in html
    assert page.versions.count() == 1
