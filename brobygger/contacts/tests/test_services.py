"""Rules the services hold whoever calls them (not only the forms)."""

import pytest
from django.core.exceptions import ValidationError

from brobygger.contacts import services
from brobygger.contacts.models import ContactMessage
from brobygger.organisations.models import Municipality


def send(**overrides):
    values = {
        "municipality": Municipality.objects.get(number="4631"),
        "sender_name": "Lise Leder",
        "sender_organisation": "Alver kommune",
        "sender_email": "lise@example.no",
        "body": "Hei",
        **overrides,
    }
    return services.contact_message_send(**values)


def test_a_message_longer_than_5000_characters_is_refused(vestland_entry):
    with pytest.raises(ValidationError) as error:
        send(body="x" * 5001)
    assert "body" in error.value.message_dict
    assert not ContactMessage.objects.exists()


def test_a_bad_email_is_refused(vestland_entry):
    with pytest.raises(ValidationError) as error:
        send(sender_email="nei")
    assert "sender_email" in error.value.message_dict


def test_no_active_coordinator_no_message(personas):
    with pytest.raises(ValidationError) as error:
        send()
    assert "municipality" in error.value.message_dict
    assert not ContactMessage.objects.exists()


def test_an_account_without_the_role_cannot_be_listed(personas):
    with pytest.raises(ValidationError) as error:
        services.county_coordinator_create(
            by=personas.admin,
            county=Municipality.objects.get(number="4601").county,
            user=personas.caseworker,
            name="Vera",
            email="vera@nav.example.no",
        )
    assert error.value.message_dict == {"user": ["Brukeren har ikke rollen fylkeskoordinator."]}
