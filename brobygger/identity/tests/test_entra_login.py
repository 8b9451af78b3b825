"""Staff log in with their organisation's Entra ID; roles come only from an invitation."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.utils import timezone

from brobygger.accounts.models import Membership, Role, User
from brobygger.accounts.testing import add_totp
from brobygger.identity.tests.conftest import TENANT, oidc_login, unique_login
from brobygger.invitations import services
from brobygger.invitations.models import InvitationStatus
from brobygger.organisations.services import membership_end
from brobygger.testing import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.real_login]

MFA_SETUP = "/konto/2fa/totp/activate/"


def invite_teacher(personas, email="ulrikke@bergen.example"):
    return services.staff_invite(
        by=personas.coordinator,
        organisation=personas.bergen,
        roles=[Role.TEACHER],
        email=email,
        first_name="Ulrikke",
        last_name="Lærer",
    )


def entra_account(oidc, *, amr=("pwd", "mfa"), tid=TENANT, email="ulrikke@bergen.example"):
    login = unique_login("entra")
    oidc.add_account(
        login,
        claims={"oid": f"oid-{login}", "tid": tid, "email": email, "given_name": "Ulrikke"},
        acr=None,
        amr=list(amr),
    )
    return login


def test_an_invited_teacher_with_provider_mfa_gets_straight_in(client, personas, oidc):
    issued = invite_teacher(personas)
    client.get(f"/invitasjon/{issued.code}/")
    page = client.get("/invitasjon/").content.decode()
    assert "Logg inn med Bergen kommune" in page
    response = oidc_login(client, "entra", entra_account(oidc))
    assert response.status_code == 302
    assert response["Location"] != MFA_SETUP
    user = User.objects.get(invitations=issued.invitation)
    assert Membership.objects.filter(user=user, role=Role.TEACHER, organisation=personas.bergen)
    home = client.get("/")
    assert home.status_code == 200, home.get("Location")
    assert client.get("/mine-okter/").status_code == 200
    issued.invitation.refresh_from_db()
    assert issued.invitation.status == InvitationStatus.ACCEPTED
    assert SocialAccount.objects.get(user=user).uid.startswith("oid-")


def test_without_provider_mfa_the_teacher_sets_up_an_authenticator_app(client, personas, oidc):
    issued = invite_teacher(personas)
    client.get(f"/invitasjon/{issued.code}/")
    oidc_login(client, "entra", entra_account(oidc, amr=("pwd",)))
    home = client.get("/")
    assert home.status_code == 302 and home["Location"] == MFA_SETUP
    setup = client.get(MFA_SETUP)
    assert setup.status_code == 200
    assert 'name="code"' in setup.content.decode()


def test_a_returning_user_with_an_app_is_not_asked_again_when_the_provider_did_mfa(
    client, personas, oidc
):
    issued = invite_teacher(personas)
    login = entra_account(oidc)
    client.get(f"/invitasjon/{issued.code}/")
    oidc_login(client, "entra", login)
    user = User.objects.get(invitations=issued.invitation)
    add_totp(user)
    client.post("/konto/logout/")
    response = oidc_login(client, "entra", login)
    assert response.status_code == 302 and "/konto/2fa/authenticate/" not in response["Location"]
    assert client.get("/").status_code == 200
    assert Authenticator.objects.filter(user=user).count() == 1


def test_staff_without_an_invitation_are_refused(client, personas, oidc):
    users_before = User.objects.count()
    response = oidc_login(client, "entra", entra_account(oidc))
    assert response.status_code == 403
    assert "Be koordinatoren eller administratoren" in response.content.decode()
    assert User.objects.count() == users_before


def test_an_e_mail_claim_never_logs_in_to_an_existing_login(client, personas, oidc):
    """An address in the token is not proof: it must not take over the coordinator's login."""
    email = "kora@bergen.example"
    personas.coordinator.email = email
    personas.coordinator.save()
    response = oidc_login(client, "entra", entra_account(oidc, email=email))
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_another_tenant_is_refused(client, personas, oidc):
    issued = invite_teacher(personas)
    client.get(f"/invitasjon/{issued.code}/")
    response = oidc_login(client, "entra", entra_account(oidc, tid="annen-tenant"))
    assert response.status_code == 403
    issued.invitation.refresh_from_db()
    assert issued.invitation.status == InvitationStatus.PENDING


def test_a_participant_invitation_cannot_be_taken_with_entra(client, personas, oidc):
    from brobygger.invitations.tests.helpers import new_enrolment

    enrolment = new_enrolment(personas)
    issued = services.participant_invite(
        by=personas.coordinator, participant=enrolment.participant, organisation=personas.bergen
    )
    client.get(f"/invitasjon/{issued.code}/")
    response = oidc_login(client, "entra", entra_account(oidc))
    assert response.status_code == 403
    assert "Bruk ID-porten" in response.content.decode()


def test_an_ended_membership_gives_no_access_after_login(client, personas, oidc):
    issued = invite_teacher(personas)
    login = entra_account(oidc)
    client.get(f"/invitasjon/{issued.code}/")
    oidc_login(client, "entra", login)
    user = User.objects.get(invitations=issued.invitation)
    membership_end(
        by=personas.coordinator,
        organisation=personas.bergen,
        user=user,
        ends_on=timezone.localdate(),
    )
    assert client.get("/mine-okter/").status_code == 302  # the session ended at once
    response = oidc_login(client, "entra", login)
    assert response.status_code == 403
    assert "Tilgangen din til Brobygger er avsluttet" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_invitation_for_a_known_login_needs_that_login(client, personas, oidc):
    known = make_user("kjent", first_name="Kjell")
    known.email = "kjell@bergen.example"
    known.save()
    issued = services.staff_invite(
        by=personas.coordinator,
        organisation=personas.bergen,
        roles=[Role.TEACHER],
        email="kjell@bergen.example",
    )
    assert issued.invitation.user == known
    client.get(f"/invitasjon/{issued.code}/")
    response = oidc_login(client, "entra", entra_account(oidc, email="kjell@bergen.example"))
    assert response.status_code == 403
    assert not Membership.objects.filter(user=known).exists()
