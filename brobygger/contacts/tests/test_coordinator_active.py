"""Administrators deactivate an entry (it leaves the public page, the row stays) and back."""

from django.urls import reverse

from brobygger.core.models import AuditEvent


def deactivate(entry):
    return reverse("county_coordinator_deactivate", args=[entry.pk])


def activate(entry):
    return reverse("county_coordinator_activate", args=[entry.pk])


def test_anonymous_is_sent_to_login(client, personas, vestland_entry):
    response = client.post(deactivate(vestland_entry))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_only_administrators_may(client, personas, vestland_entry):
    client.force_login(personas.county_coordinator)
    assert client.post(deactivate(vestland_entry)).status_code == 403
    vestland_entry.refresh_from_db()
    assert vestland_entry.is_active


def test_get_is_405(client, personas, vestland_entry):
    client.force_login(personas.admin)
    assert client.get(deactivate(vestland_entry)).status_code == 405
    assert client.get(activate(vestland_entry)).status_code == 405


def test_deactivating_hides_the_entry_from_the_public_page(client, personas, vestland_entry):
    client.force_login(personas.admin)
    response = client.post(deactivate(vestland_entry))
    assert response["Location"] == reverse("county_coordinator_list")
    vestland_entry.refresh_from_db()
    assert not vestland_entry.is_active
    assert AuditEvent.objects.filter(action="deactivate", object_id=str(vestland_entry.pk)).exists()
    client.logout()
    html = client.get(reverse("contacts_find"), {"kommune": "4601"}).content.decode()
    assert "Frida Fylke" not in html
    assert "Vi har ikke registrert noen fylkeskoordinator for Vestland ennå." in html


def test_activating_brings_it_back(client, personas, vestland_entry):
    client.force_login(personas.admin)
    client.post(deactivate(vestland_entry))
    client.post(activate(vestland_entry))
    vestland_entry.refresh_from_db()
    assert vestland_entry.is_active
    assert AuditEvent.objects.filter(action="activate").count() == 1


def test_an_account_that_lost_the_role_cannot_be_activated_again(client, personas, vestland_entry):
    client.force_login(personas.admin)
    client.post(deactivate(vestland_entry))
    personas.county_coordinator.memberships.all().delete()
    response = client.post(activate(vestland_entry), follow=True)
    assert "Brukeren har ikke rollen fylkeskoordinator." in response.content.decode()
    vestland_entry.refresh_from_db()
    assert not vestland_entry.is_active
