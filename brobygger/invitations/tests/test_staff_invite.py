"""Inviting staff to an organisation, and resending or revoking an invitation."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail

from brobygger.accounts.models import Membership, Role
from brobygger.core.models import AuditEvent
from brobygger.invitations import services
from brobygger.invitations.models import Invitation, InvitationStatus
from brobygger.invitations.tests.helpers import new_enrolment, shown_code

pytestmark = pytest.mark.django_db


def url(org) -> str:
    return f"/organisasjoner/{org.pk}/inviter/"


def form(**overrides):
    return {
        "first_name": "Ulrikke",
        "last_name": "Underviser",
        "email": "ulrikke@example.org",
        "roles": [Role.TEACHER],
        **overrides,
    }


def test_a_coordinator_invites_a_teacher_to_their_organisation(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(url(personas.bergen), form())
    assert response.status_code == 200
    assert shown_code(response)
    invitation = Invitation.objects.get()
    assert invitation.roles == [Role.TEACHER] and invitation.organisation == personas.bergen
    assert invitation.user is None  # a new person
    assert mail.outbox[0].to == ["ulrikke@example.org"]
    event = AuditEvent.objects.get(object_type="invitations.invitation", action="create")
    assert "ulrikke@example.org" not in str(event.changes)  # no personal data in the trail


def test_a_coordinator_may_not_hand_out_admin_or_analyst(client, personas):
    client.force_login(personas.coordinator)
    for role in (Role.ADMIN, Role.ANALYST, Role.PARTICIPANT, "superbruker"):
        response = client.post(url(personas.bergen), form(roles=[role]))
        assert response.status_code == 400
        assert "Velg blant rollene i listen." in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_administrator_may_invite_to_any_organisation_with_any_staff_role(client, personas):
    client.force_login(personas.admin)
    response = client.post(url(personas.stavanger), form(roles=[Role.COORDINATOR, Role.ANALYST]))
    assert response.status_code == 200
    assert Invitation.objects.get().roles == [Role.ANALYST, Role.COORDINATOR]


def test_another_organisation_is_404_for_a_coordinator(client, personas):
    client.force_login(personas.other_coordinator)
    assert client.get(url(personas.bergen)).status_code == 404
    assert client.post(url(personas.bergen), form()).status_code == 404
    assert not Invitation.objects.exists()


def test_other_roles_are_refused_and_anonymous_sent_to_login(client, personas):
    assert "/konto/login/" in client.get(url(personas.bergen))["Location"]
    for user in (personas.teacher, personas.employer, personas.participant_user):
        client.force_login(user)
        assert client.get(url(personas.bergen)).status_code == 403


def test_missing_fields_get_messages_and_nothing_is_saved(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(url(personas.bergen), {"email": "ikke-epost"})
    body = response.content.decode()
    assert response.status_code == 400
    for message in (
        "Skriv fornavnet.",
        "Skriv etternavnet.",
        "Velg minst én rolle.",
        "Skriv en gyldig e-postadresse",
    ):
        assert message in body
    assert not Invitation.objects.exists()


def test_two_invitations_for_the_same_person_are_refused(client, personas):
    client.force_login(personas.coordinator)
    client.post(url(personas.bergen), form())
    response = client.post(url(personas.bergen), form(email="ULRIKKE@example.org"))
    assert response.status_code == 400
    assert "har allerede en invitasjon som venter" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_a_person_who_already_has_the_roles_is_not_invited_again(client, personas):
    personas.teacher.email = "ulla@example.org"
    personas.teacher.save()
    client.force_login(personas.coordinator)
    response = client.post(url(personas.bergen), form(email="ulla@example.org"))
    assert "Personen har allerede disse rollene her." in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_mail_server_that_fails_loses_nothing(client, personas, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("nede")

    monkeypatch.setattr("brobygger.invitations.mail.send_mail", refuse)
    client.force_login(personas.coordinator)
    response = client.post(url(personas.bergen), form())
    assert response.status_code == 200
    assert "E-posten kunne ikke sendes nå" in response.content.decode()
    assert shown_code(response)
    invitation = Invitation.objects.get()
    assert invitation.is_pending and invitation.send_count == 0


def test_resend_gives_a_new_code_and_the_old_one_stops_working(client, personas):
    enrolment = new_enrolment(personas, email="nora@example.org")
    issued = services.participant_invite(
        by=personas.coordinator, participant=enrolment.participant, organisation=personas.bergen
    )
    client.force_login(personas.coordinator)
    response = client.post(f"/invitasjoner/{issued.invitation.pk}/send-igjen/")
    assert response.status_code == 200
    new_code = shown_code(response)
    assert services.find_by_code(issued.code) is None
    assert services.find_by_code(new_code) == issued.invitation
    assert mail.outbox[-1].to == ["nora@example.org"]


def test_revoke_stops_the_code_and_is_listed(client, personas):
    enrolment = new_enrolment(personas)
    issued = services.participant_invite(
        by=personas.coordinator, participant=enrolment.participant, organisation=personas.bergen
    )
    client.force_login(personas.coordinator)
    response = client.post(
        f"/invitasjoner/{issued.invitation.pk}/trekk-tilbake/",
        {"next": f"/deltakelser/{enrolment.pk}/tilgang/"},
    )
    assert response["Location"] == f"/deltakelser/{enrolment.pk}/tilgang/"
    issued.invitation.refresh_from_db()
    assert issued.invitation.status == InvitationStatus.REVOKED
    assert issued.invitation.revoked_by == personas.coordinator
    again = client.post(f"/invitasjoner/{issued.invitation.pk}/trekk-tilbake/", follow=True)
    assert "Invitasjonen er trukket tilbake. Ta kontakt" in again.content.decode()
    assert client.post(f"/invitasjoner/{issued.invitation.pk}/send-igjen/").status_code == 302


def test_resend_and_revoke_are_404_outside_ones_organisations(client, personas):
    issued = services.staff_invite(
        by=personas.coordinator,
        organisation=personas.bergen,
        roles=[Role.TEACHER],
        email="t@example.org",
    )
    client.force_login(personas.other_coordinator)
    for action in ("send-igjen", "trekk-tilbake"):
        assert client.post(f"/invitasjoner/{issued.invitation.pk}/{action}/").status_code == 404
        assert client.get(f"/invitasjoner/{issued.invitation.pk}/{action}/").status_code == 405
    issued.invitation.refresh_from_db()
    assert issued.invitation.is_pending


def test_an_open_redirect_through_next_is_refused(client, personas):
    issued = services.staff_invite(
        by=personas.coordinator,
        organisation=personas.bergen,
        roles=[Role.TEACHER],
        email="t@example.org",
    )
    client.force_login(personas.coordinator)
    response = client.post(
        f"/invitasjoner/{issued.invitation.pk}/trekk-tilbake/", {"next": "https://evil.example/"}
    )
    assert response["Location"].startswith("/")


def test_accepting_gives_exactly_the_invited_roles(personas):
    issued = services.staff_invite(
        by=personas.coordinator,
        organisation=personas.bergen,
        roles=[Role.TEACHER, Role.SUPERVISOR],
        email="t@example.org",
    )
    user = services.account_create_for_invitation(
        invitation=issued.invitation, username="ny", password="x" * 20, email_verified=False
    )
    assert sorted(Membership.objects.filter(user=user).values_list("role", flat=True)) == [
        Role.SUPERVISOR,
        Role.TEACHER,
    ]
