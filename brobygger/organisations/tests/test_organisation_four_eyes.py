"""The per-organisation four-eyes switch (issue 13) on the edit page: administrators turn it on
and off, the change is audited, and the edit token covers it (ADR 0014)."""

from django.test import Client
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.core.tests.stale import loaded_token, refused_as_stale


def edit_url(org):
    return reverse("organisation_edit", args=[org.pk])


def data(org, **changes):
    return {
        "name": org.name,
        "kind": org.kind,
        "orgnr": org.orgnr,
        "municipality": org.municipality.number,
        **changes,
    }


def test_the_switch_is_off_by_default_and_on_the_edit_page(client, personas):
    assert personas.nav.four_eyes_approval is False
    client.force_login(personas.admin)
    page = client.get(edit_url(personas.nav)).content.decode()
    assert 'name="four_eyes_approval"' in page
    assert "Krev godkjenning av en annen person (fire øyne)" in page


def test_the_admin_turns_four_eyes_on_and_off_and_it_is_audited(client, personas):
    org = personas.nav
    client.force_login(personas.admin)
    token = loaded_token(client, edit_url(org))
    response = client.post(edit_url(org), data(org, four_eyes_approval="on", edit_token=token))
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.four_eyes_approval is True
    event = AuditEvent.objects.get(action="update", object_id=str(org.pk))
    assert event.changes == {"four_eyes_approval": [False, True]}

    token = loaded_token(client, edit_url(org))
    assert client.post(edit_url(org), data(org, edit_token=token)).status_code == 302
    org.refresh_from_db()
    assert org.four_eyes_approval is False


def test_a_coordinator_cannot_change_it(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        edit_url(personas.bergen), data(personas.bergen, four_eyes_approval="on")
    )
    assert response.status_code == 403
    personas.bergen.refresh_from_db()
    assert personas.bergen.four_eyes_approval is False


def test_a_save_from_before_the_switch_changed_is_refused(personas):
    org = personas.nav
    first, second = Client(), Client()
    first.force_login(personas.admin)
    second.force_login(personas.admin)
    token_first, token_second = (
        loaded_token(first, edit_url(org)),
        loaded_token(second, edit_url(org)),
    )
    saved = first.post(edit_url(org), data(org, four_eyes_approval="on", edit_token=token_first))
    assert saved.status_code == 302
    response = second.post(edit_url(org), data(org, name="NAV Bergen", edit_token=token_second))
    refused_as_stale(response, "fire øyne")
    org.refresh_from_db()
    assert (org.name, org.four_eyes_approval) == ("NAV Bergen sør", True)
