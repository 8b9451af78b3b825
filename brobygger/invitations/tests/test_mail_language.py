"""The invitation mail's language (ADR 0021): an existing login's own choice, else bokmål; never
the inviting coordinator's interface language."""

import pytest
from django.conf import settings
from django.core import mail

from brobygger.accounts.models import Role
from brobygger.invitations.models import Invitation

pytestmark = pytest.mark.django_db

ENGLISH_SUBJECT = "Invitation to Brobygger from"
BOKMAL_SUBJECT = "Invitasjon til Brobygger fra"


def invite(client, personas, email):
    client.force_login(personas.coordinator)
    data = {"first_name": "Ulrikke", "last_name": "Underviser", "email": email}
    return client.post(
        f"/organisasjoner/{personas.bergen.pk}/inviter/", {**data, "roles": [Role.SUPERVISOR]}
    )


def test_a_new_person_is_invited_in_bokmal_even_by_an_english_speaking_coordinator(
    client, personas
):
    personas.coordinator.language = "en"
    personas.coordinator.save(update_fields=["language"])
    response = invite(client, personas, "ny.person@example.org")
    assert response.status_code == 200
    assert Invitation.objects.get().user is None
    (message,) = mail.outbox
    assert message.subject.startswith(BOKMAL_SUBJECT)


def test_an_existing_login_that_chose_english_is_invited_in_english(client, personas):
    teacher = personas.teacher
    teacher.email = "ulla@example.org"
    teacher.language = "en"
    teacher.save(update_fields=["email", "language"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    response = invite(client, personas, "ulla@example.org")
    assert response.status_code == 200
    assert Invitation.objects.get().user == teacher
    (message,) = mail.outbox
    assert message.subject.startswith(ENGLISH_SUBJECT)
