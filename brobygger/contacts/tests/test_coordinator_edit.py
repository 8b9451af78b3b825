"""Administrators change a directory entry; the account stays the same."""

from django.test import Client
from django.urls import reverse

from brobygger.contacts.tests.factories import make_entry
from brobygger.core.models import AuditEvent
from brobygger.core.tests.stale import loaded_token, refused_as_stale


def url(entry):
    return reverse("county_coordinator_edit", args=[entry.pk])


def data(**overrides):
    return {
        "county": "46",
        "name": "Frida Fylke-Hansen",
        "title": "Seniorrådgiver",
        "email": "frida@nav.example.no",
        "phone": "",
        **overrides,
    }


def test_anonymous_is_sent_to_login(client, personas, vestland_entry):
    response = client.get(url(vestland_entry))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_only_administrators_may_edit(client, personas, vestland_entry):
    client.force_login(personas.county_coordinator)
    assert client.post(url(vestland_entry), data()).status_code == 403


def test_an_unknown_entry_is_404(client, personas):
    client.force_login(personas.admin)
    assert client.get(reverse("county_coordinator_edit", args=[999999])).status_code == 404


def test_wrong_method_is_405(client, personas, vestland_entry):
    client.force_login(personas.admin)
    assert client.delete(url(vestland_entry)).status_code == 405


def test_the_form_is_filled_in_and_has_no_account_choice(client, personas, vestland_entry):
    client.force_login(personas.admin)
    html = client.get(url(vestland_entry)).content.decode()
    assert 'value="Frida Fylke"' in html
    assert 'name="user"' not in html
    assert f"Brukerkonto: {personas.county_coordinator.username}." in html


def test_the_administrator_saves_changes_with_an_audit_diff(client, personas, vestland_entry):
    client.force_login(personas.admin)
    response = client.post(url(vestland_entry), data())
    assert response.status_code == 302
    vestland_entry.refresh_from_db()
    assert (vestland_entry.name, vestland_entry.title, vestland_entry.phone) == (
        "Frida Fylke-Hansen",
        "Seniorrådgiver",
        "",
    )
    event = AuditEvent.objects.get(object_type="contacts.countycoordinator", action="update")
    # A county coordinator's name is personal data: the trail says it changed, not to what.
    assert event.changes["name"] == ["[skjult]", "[skjult]"]


def test_moving_to_a_county_where_the_account_has_no_role_is_refused(
    client, personas, vestland_entry
):
    client.force_login(personas.admin)
    html = client.post(url(vestland_entry), data(county="11")).content.decode()
    assert "Brukeren er fylkeskoordinator ved en organisasjon i et annet fylke." in html
    vestland_entry.refresh_from_db()
    assert vestland_entry.county_id == "46"


def test_bad_input_saves_nothing(client, personas, vestland_entry):
    client.force_login(personas.admin)
    html = client.post(url(vestland_entry), data(name="", email="x")).content.decode()
    assert "Skriv navnet som skal vises." in html
    vestland_entry.refresh_from_db()
    assert vestland_entry.name == "Frida Fylke"
    assert not AuditEvent.objects.filter(action="update").exists()


def test_another_entry_can_be_edited_too(client, personas):
    entry = make_entry(by=personas.admin, municipality="1103")
    client.force_login(personas.admin)
    assert client.post(url(entry), data(county="11")).status_code == 302


# Optimistic locking (ADR 0014)


def test_a_save_from_an_older_version_is_refused_with_what_changed(personas, vestland_entry):
    first, second = Client(), Client()
    first.force_login(personas.admin)
    second.force_login(personas.admin)
    edit = url(vestland_entry)
    token_first, token_second = loaded_token(first, edit), loaded_token(second, edit)
    assert first.post(edit, data(phone="55 55 55 55", edit_token=token_first)).status_code == 302
    late = data(title="Rådgiver", edit_token=token_second)
    response = second.post(edit, late)
    fresh = refused_as_stale(response, "(nå «55 55 55 55»)")
    vestland_entry.refresh_from_db()
    assert (vestland_entry.title, vestland_entry.phone) == ("Seniorrådgiver", "55 55 55 55")

    assert second.post(edit, {**late, "edit_token": fresh}).status_code == 302
    vestland_entry.refresh_from_db()
    assert vestland_entry.title == "Rådgiver"
