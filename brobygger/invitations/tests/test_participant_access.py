"""«Gi tilgang» on a participant's page: the coordinator invites the person to log in."""

from __future__ import annotations

import pytest
from django.core import mail

from brobygger.accesslog.models import AccessEvent
from brobygger.invitations import tokens
from brobygger.invitations.models import Invitation, InvitationStatus
from brobygger.invitations.tests.helpers import mailed_link_path, new_enrolment, shown_code

pytestmark = pytest.mark.django_db


def url(enrolment) -> str:
    return f"/deltakelser/{enrolment.pk}/tilgang/"


def test_the_participant_page_offers_to_give_access(client, personas):
    enrolment = new_enrolment(personas)
    client.force_login(personas.coordinator)
    page = client.get(f"/deltakelser/{enrolment.pk}/").content.decode()
    assert "Har ingen innlogging ennå." in page
    assert url(enrolment) in page


def test_it_invites_by_email_and_shows_the_code_once(client, personas):
    enrolment = new_enrolment(personas, email="nora@example.org")
    client.force_login(personas.coordinator)
    response = client.post(url(enrolment), {"email": "nora@example.org"})
    assert response.status_code == 200
    code = shown_code(response)
    assert "Invitasjonen er sendt til nora@example.org." in response.content.decode()
    invitation = Invitation.objects.get(participant=enrolment.participant)
    assert invitation.status == InvitationStatus.PENDING
    assert invitation.organisation == personas.bergen
    assert invitation.code_hash == tokens.digest(code)
    assert tokens.normalise(code) not in str(Invitation.objects.values().get())
    (message,) = mail.outbox
    assert message.to == ["nora@example.org"]
    assert mailed_link_path(message) == f"/invitasjon/{tokens.normalise(code)}/"
    assert invitation.send_count == 1 and invitation.sent_at is not None


def test_without_email_it_gives_a_code_to_hand_over(client, personas):
    enrolment = new_enrolment(personas)
    client.force_login(personas.coordinator)
    response = client.post(url(enrolment), {"email": ""})
    assert shown_code(response)
    assert mail.outbox == []
    assert Invitation.objects.filter(participant=enrolment.participant).count() == 1


def test_it_refuses_a_second_invitation_while_one_is_pending(client, personas):
    enrolment = new_enrolment(personas)
    client.force_login(personas.coordinator)
    client.post(url(enrolment), {"email": ""})
    response = client.post(url(enrolment), {"email": "nora@example.org"})
    assert response.status_code == 400
    assert "har allerede en invitasjon som venter" in response.content.decode()
    assert Invitation.objects.filter(participant=enrolment.participant).count() == 1


def test_it_refuses_a_participant_who_already_has_a_login(client, personas):
    client.force_login(personas.coordinator)
    page = client.get(url(personas.enrolment)).content.decode()
    assert "Deltakeren har innlogging" in page and "Send invitasjon" not in page
    response = client.post(url(personas.enrolment), {"email": ""})
    assert response.status_code == 400
    assert "Deltakeren har allerede innlogging i Brobygger." in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_bad_address_gets_a_message_and_nothing_is_saved(client, personas):
    enrolment = new_enrolment(personas)
    client.force_login(personas.coordinator)
    response = client.post(url(enrolment), {"email": "ikke-en-adresse"})
    assert response.status_code == 400
    assert "Skriv en gyldig e-postadresse" in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_page_is_in_the_read_log(client, personas):
    enrolment = new_enrolment(personas)
    client.force_login(personas.coordinator)
    client.get(url(enrolment))
    event = AccessEvent.objects.get(participant=enrolment.participant)
    assert event.actor == personas.coordinator and not event.denied


def test_another_municipality_gets_404(client, personas):
    enrolment = new_enrolment(personas)
    client.force_login(personas.other_coordinator)
    assert client.get(url(enrolment)).status_code == 404
    assert client.post(url(enrolment), {"email": ""}).status_code == 404
    assert not Invitation.objects.exists()


def test_other_roles_are_refused(client, personas):
    enrolment = new_enrolment(personas)
    for user in (personas.teacher, personas.participant_user, personas.employer):
        client.force_login(user)
        assert client.get(url(enrolment)).status_code == 403


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get(url(new_enrolment(personas)))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_query_count_does_not_grow_with_invitations(client, personas, django_assert_num_queries):
    enrolment = new_enrolment(personas)
    client.force_login(personas.coordinator)
    client.post(url(enrolment), {"email": ""})
    invitation = Invitation.objects.get()
    client.post(f"/invitasjoner/{invitation.pk}/trekk-tilbake/")
    client.post(url(enrolment), {"email": ""})
    assert Invitation.objects.count() == 2
    with django_assert_num_queries(8):
        response = client.get(url(enrolment))
    assert response.content.decode().count("Trukket tilbake") == 1
