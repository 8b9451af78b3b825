"""Taking an invitation with no identity provider configured: a user name, a password and,
for staff, an authenticator app. Every role reaches its own pages with no Django admin step."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from brobygger.accounts.models import Membership, Role, User
from brobygger.accounts.testing import totp_code
from brobygger.invitations import services
from brobygger.invitations.models import Invitation, InvitationStatus
from brobygger.invitations.tests.helpers import mailed_link_path, new_enrolment

pytestmark = pytest.mark.django_db

PASSWORD = "fjelltur-langs-kysten-i-regn"
MFA_SETUP = "/konto/2fa/totp/activate/"


def take(client, code: str, username: str = "nora.nyberg", **extra):
    client.post("/invitasjon/", {"action": "code", "code": code})
    return client.post(
        "/invitasjon/",
        {
            "action": "password",
            "username": username,
            "password1": PASSWORD,
            "password2": PASSWORD,
            **extra,
        },
    )


def set_up_totp(client) -> None:
    """The authenticator-app step every new staff login goes through. allauth records the
    step on commit, so tests calling this need real commits (transactional_db)."""
    assert client.get("/").get("Location") == MFA_SETUP
    page = client.get(MFA_SETUP)
    assert page.status_code == 200, page.get("Location")
    secret = page.context["form"].secret
    response = client.post(MFA_SETUP, {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:500]
    assert "reauthenticate" not in response["Location"], response["Location"]


def test_a_new_participant_takes_the_emailed_link_and_sees_their_progress(client, personas):
    enrolment = new_enrolment(personas, email="nora@example.org")
    coordinator = client.__class__()
    coordinator.force_login(personas.coordinator)
    coordinator.post(f"/deltakelser/{enrolment.pk}/tilgang/", {"email": "nora@example.org"})
    link = mailed_link_path(mail.outbox[0])
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == "/invitasjon/"
    page = client.get("/invitasjon/").content.decode()
    assert "Du er invitert som <strong>Deltaker</strong>" in page
    response = client.post(
        "/invitasjon/",
        {"action": "password", "username": "nora", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/"
    user = User.objects.get(username="nora")
    enrolment.participant.refresh_from_db()
    assert enrolment.participant.user == user
    assert Membership.objects.filter(user=user, role=Role.PARTICIPANT, organisation=personas.bergen)
    assert EmailAddress.objects.get(user=user).verified  # the link proved the address
    for path in ("/meg/", "/meg/timelister/", "/meg/innsyn/", "/meg/oppgave/"):
        assert client.get(path).status_code == 200, path


def test_a_code_handed_over_in_person_works_too(client, personas):
    enrolment = new_enrolment(personas)
    issued = services.participant_invite(
        by=personas.coordinator, participant=enrolment.participant, organisation=personas.bergen
    )
    response = take(client, issued.grouped_code.lower().replace("-", " "))
    assert response.status_code == 302
    enrolment.participant.refresh_from_db()
    assert enrolment.participant.user is not None
    assert not EmailAddress.objects.filter(user=enrolment.participant.user).exists()


@pytest.mark.parametrize(
    ("role", "org", "page"),
    [
        (Role.TEACHER, "bergen", "/mine-okter/"),
        (Role.SUPERVISOR, "host", "/praksis/"),
        (Role.EMPLOYER, "employer_org", "/arbeidsgiver/stillinger/"),
        (Role.COORDINATOR, "bergen", "/kull/"),
    ],
)
def test_invited_staff_log_in_set_up_mfa_and_reach_their_pages(
    client, transactional_db, personas, role, org, page
):
    organisation = getattr(personas, org)
    issued = services.staff_invite(
        by=personas.admin,
        organisation=organisation,
        roles=[role],
        email=f"{role}@example.org",
        first_name="Ny",
        last_name="Ansatt",
    )
    response = take(client, issued.code, username=f"ny-{role}")
    assert response.status_code == 302
    set_up_totp(client)
    assert client.get(page).status_code == 200
    user = User.objects.get(username=f"ny-{role}")
    assert list(user.memberships.values_list("role", "organisation")) == [(role, organisation.pk)]
    # And the next day, through the ordinary login page with the app's code:
    client.post("/konto/logout/")
    response = client.post("/konto/login/", {"login": f"ny-{role}", "password": PASSWORD})
    assert response["Location"] == "/konto/2fa/authenticate/"


def test_an_expired_invitation_is_refused_and_can_be_resent(client, personas, time_machine):
    enrolment = new_enrolment(personas)
    issued = services.participant_invite(
        by=personas.coordinator, participant=enrolment.participant, organisation=personas.bergen
    )
    time_machine.move_to(timezone.now() + dt.timedelta(days=15))
    client.post("/invitasjon/", {"action": "code", "code": issued.code})
    page = client.get("/invitasjon/").content.decode()
    assert "Invitasjonen gikk ut" in page
    assert take(client, issued.code).status_code == 200  # the code page again, no login made
    assert not User.objects.filter(username="nora.nyberg").exists()
    resent = services.invitation_resend(by=personas.coordinator, invitation=issued.invitation)
    assert services.find_by_code(issued.code) is None  # the old code is dead
    assert take(client, resent.code).status_code == 302
    resent.invitation.refresh_from_db()
    assert resent.invitation.status == InvitationStatus.ACCEPTED


def test_a_used_invitation_cannot_be_used_again(client, personas):
    enrolment = new_enrolment(personas)
    issued = services.participant_invite(
        by=personas.coordinator, participant=enrolment.participant, organisation=personas.bergen
    )
    take(client, issued.code)
    client.post("/konto/logout/")
    take(client, issued.code, username="noen-andre")
    assert not User.objects.filter(username="noen-andre").exists()


def test_the_used_message_is_shown(client, personas):
    enrolment = new_enrolment(personas)
    issued = services.participant_invite(
        by=personas.coordinator, participant=enrolment.participant, organisation=personas.bergen
    )
    take(client, issued.code)
    client.post("/konto/logout/")
    client.post("/invitasjon/", {"action": "code", "code": issued.code})
    assert "Invitasjonen er allerede brukt" in client.get("/invitasjon/").content.decode()


def test_a_revoked_invitation_is_refused(client, personas):
    enrolment = new_enrolment(personas)
    issued = services.participant_invite(
        by=personas.coordinator, participant=enrolment.participant, organisation=personas.bergen
    )
    services.invitation_revoke(by=personas.coordinator, invitation=issued.invitation)
    client.post("/invitasjon/", {"action": "code", "code": issued.code})
    assert "trukket tilbake" in client.get("/invitasjon/").content.decode()
    take(client, issued.code)
    enrolment.participant.refresh_from_db()
    assert enrolment.participant.user is None


def test_opened_while_logged_in_as_someone_else_binds_nothing(client, personas):
    enrolment = new_enrolment(personas)
    issued = services.participant_invite(
        by=personas.coordinator, participant=enrolment.participant, organisation=personas.bergen
    )
    client.force_login(personas.teacher)
    client.get(f"/invitasjon/{issued.code}/")
    page = client.get("/invitasjon/").content.decode()
    assert "Denne invitasjonen er til en annen person" in page
    for action in ("accept", "password"):
        client.post(
            "/invitasjon/",
            {"action": action, "username": "x", "password1": PASSWORD, "password2": PASSWORD},
        )
    enrolment.participant.refresh_from_db()
    assert enrolment.participant.user is None
    assert not Membership.objects.filter(user=personas.teacher, role=Role.PARTICIPANT).exists()
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_a_wrong_code_gets_a_message_and_too_many_are_stopped(client, personas):
    response = client.post("/invitasjon/", {"action": "code", "code": "ABCD-EFGH-JKMN-PQRS"})
    assert "Vi fant ingen invitasjon med denne koden" in response.content.decode()
    response = client.post("/invitasjon/", {"action": "code", "code": "12"})
    assert "Koden har 16 tegn" in response.content.decode()
    for _ in range(9):
        response = client.post("/invitasjon/", {"action": "code", "code": "ABCD-EFGH-JKMN-PQRS"})
    assert response.status_code == 429
    assert "For mange forsøk" in response.content.decode()


def test_a_weak_password_or_a_taken_user_name_loses_nothing(client, personas):
    enrolment = new_enrolment(personas)
    issued = services.participant_invite(
        by=personas.coordinator, participant=enrolment.participant, organisation=personas.bergen
    )
    client.post("/invitasjon/", {"action": "code", "code": issued.code})
    response = client.post(
        "/invitasjon/",
        {"action": "password", "username": "koordinator", "password1": "kort", "password2": "kort"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Brukernavnet er tatt" in body
    assert 'value="koordinator"' in body  # what was typed is kept
    enrolment.participant.refresh_from_db()
    assert enrolment.participant.user is None
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_an_existing_login_accepts_a_second_organisation_after_logging_in(client, personas):
    personas.teacher.email = "ulla@bergen.example"
    personas.teacher.save()
    issued = services.staff_invite(
        by=personas.other_coordinator,
        organisation=personas.stavanger,
        roles=[Role.TEACHER],
        email="ulla@bergen.example",
    )
    client.get(f"/invitasjon/{issued.code}/")
    assert "Du har allerede en innlogging" in client.get("/invitasjon/").content.decode()
    client.force_login(personas.teacher)
    response = client.post("/invitasjon/", {"action": "accept"})
    assert response.status_code == 302
    assert Membership.objects.filter(
        user=personas.teacher, organisation=personas.stavanger, role=Role.TEACHER
    ).exists()
