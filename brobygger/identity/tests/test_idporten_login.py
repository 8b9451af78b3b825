"""Participants log in with ID-porten: the pid is matched against the record, never kept."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from allauth.socialaccount.models import SocialAccount

from brobygger.accesslog.models import AccessEvent
from brobygger.accounts.models import Membership, Role, User
from brobygger.enrolments.tests.factories import synthetic_fnr
from brobygger.identity import config
from brobygger.identity.tests.conftest import oidc_login, provider_entries, unique_login
from brobygger.invitations import services
from brobygger.invitations.models import InvitationStatus
from brobygger.invitations.tests.helpers import new_enrolment

pytestmark = pytest.mark.django_db

FNR = synthetic_fnr(dt.date(1988, 3, 4), 234)
OTHER_FNR = synthetic_fnr(dt.date(1991, 11, 23), 456)


def invite(personas, enrolment):
    return services.participant_invite(
        by=personas.coordinator, participant=enrolment.participant, organisation=personas.bergen
    )


def open_invitation(client, issued) -> None:
    assert client.get(f"/invitasjon/{issued.code}/").status_code == 302


def account(oidc, *, pid: str, acr: str = "idporten-loa-substantial") -> str:
    login = unique_login("idp")
    oidc.add_account(login, claims={"pid": pid}, acr=acr, amr=["BankID"])
    return login


def test_an_invited_participant_logs_in_and_is_linked(client, personas, oidc):
    enrolment = new_enrolment(personas, national_id=FNR)
    issued = invite(personas, enrolment)
    open_invitation(client, issued)
    page = client.get("/invitasjon/").content.decode()
    assert "Logg inn med ID-porten" in page and "Lag din innlogging" not in page
    response = oidc_login(client, "idporten", account(oidc, pid=FNR))
    assert response.status_code == 302, response.content.decode()[:800]
    enrolment.participant.refresh_from_db()
    user = enrolment.participant.user
    assert user is not None and not user.has_usable_password()
    assert Membership.objects.filter(user=user, role=Role.PARTICIPANT, organisation=personas.bergen)
    issued.invitation.refresh_from_db()
    assert issued.invitation.status == InvitationStatus.ACCEPTED
    assert client.get("/meg/").status_code == 200


def test_the_pid_is_stored_nowhere_but_the_record_that_held_it(client, personas, oidc):
    enrolment = new_enrolment(personas)  # no national id on record
    open_invitation(client, invite(personas, enrolment))
    oidc_login(client, "idporten", account(oidc, pid=OTHER_FNR))
    enrolment.participant.refresh_from_db()
    assert enrolment.participant.user is not None
    assert enrolment.participant.national_id == ""
    social = SocialAccount.objects.get(user=enrolment.participant.user)
    assert OTHER_FNR not in json.dumps(social.extra_data)
    assert "pid" not in social.extra_data["id_token"]
    assert social.extra_data["id_token"]["acr"] == "idporten-loa-substantial"
    assert OTHER_FNR not in str(client.session.items())


def test_a_pid_that_differs_from_the_record_is_refused_and_logged(client, personas, oidc):
    enrolment = new_enrolment(personas, national_id=FNR)
    issued = invite(personas, enrolment)
    open_invitation(client, issued)
    users_before = User.objects.count()
    response = oidc_login(client, "idporten", account(oidc, pid=OTHER_FNR))
    assert response.status_code == 403
    assert "en annen person enn den invitasjonen er til" in response.content.decode()
    enrolment.participant.refresh_from_db()
    assert enrolment.participant.user is None
    assert User.objects.count() == users_before
    assert not SocialAccount.objects.exists()
    issued.invitation.refresh_from_db()
    assert issued.invitation.status == InvitationStatus.PENDING  # the real person can still
    event = AccessEvent.objects.get(participant=enrolment.participant)
    assert event.denied and event.actor is None
    assert "_auth_user_id" not in client.session


def test_an_acr_below_substantial_is_refused(client, personas, oidc):
    enrolment = new_enrolment(personas, national_id=FNR)
    open_invitation(client, invite(personas, enrolment))
    response = oidc_login(client, "idporten", account(oidc, pid=FNR, acr="idporten-loa-low"))
    assert response.status_code == 403
    assert "for lavt sikkerhetsnivå" in response.content.decode()
    enrolment.participant.refresh_from_db()
    assert enrolment.participant.user is None and not SocialAccount.objects.exists()


def test_first_login_without_invitation_links_by_national_id(client, personas, oidc):
    enrolment = new_enrolment(personas, national_id=FNR)
    response = oidc_login(client, "idporten", account(oidc, pid=FNR))
    assert response.status_code == 302
    enrolment.participant.refresh_from_db()
    assert enrolment.participant.user is not None
    assert Membership.objects.filter(
        user=enrolment.participant.user, role=Role.PARTICIPANT, organisation=personas.bergen
    ).exists()


def test_an_unknown_person_without_invitation_gets_no_login(client, personas, oidc):
    users_before = User.objects.count()
    response = oidc_login(client, "idporten", account(oidc, pid=OTHER_FNR))
    assert response.status_code == 403
    assert "Vi fant ingen deltaker" in response.content.decode()
    assert User.objects.count() == users_before


def test_the_next_login_is_the_same_person(client, personas, oidc):
    enrolment = new_enrolment(personas, national_id=FNR)
    login = account(oidc, pid=FNR)
    oidc_login(client, "idporten", login)
    first = enrolment.participant.__class__.objects.get(pk=enrolment.participant.pk).user
    client.post("/konto/logout/")
    response = oidc_login(client, "idporten", login)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == first.pk
    assert SocialAccount.objects.filter(user=first).count() == 1


def test_expired_used_and_revoked_invitations_are_refused(client, personas, oidc, time_machine):
    enrolment = new_enrolment(personas)
    issued = invite(personas, enrolment)
    open_invitation(client, issued)
    services.invitation_revoke(by=personas.coordinator, invitation=issued.invitation)
    response = oidc_login(client, "idporten", account(oidc, pid=FNR))
    assert response.status_code == 403
    assert "trukket tilbake" in response.content.decode()
    enrolment.participant.refresh_from_db()
    assert enrolment.participant.user is None


def test_cancelling_at_the_provider_gets_a_norwegian_page(client, personas, oidc):
    response = oidc_login(client, "idporten", account(oidc, pid=FNR), cancel=True)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Du avbrøt innloggingen. Ingenting er endret." in page.content.decode()


def test_a_provider_that_is_down_gets_a_norwegian_page(client, settings, personas):
    entries = provider_entries("http://127.0.0.1:9")  # discard port: nothing listens
    settings.SOCIALACCOUNT_PROVIDERS = config.socialaccount_providers(json.dumps(entries))
    response = client.post("/konto/oidc/idporten/login/", {"process": "login"})
    assert response.status_code == 503
    assert "Vi får ikke kontakt med ID-porten" in response.content.decode()


def test_a_provider_answering_with_an_error_gets_a_norwegian_page(client, settings, oidc):
    entries = provider_entries(oidc.issuer, idporten_secret="feil-hemmelighet")
    settings.SOCIALACCOUNT_PROVIDERS = config.socialaccount_providers(json.dumps(entries))
    response = oidc_login(client, "idporten", account(oidc, pid=FNR))
    assert response.status_code == 401  # allauth's status for a failed provider login
    assert "Innloggingstjenesten svarte med en feil" in response.content.decode()
    assert not SocialAccount.objects.exists()


def test_a_token_without_our_nonce_is_refused(client, personas, oidc):
    from urllib.parse import urlsplit

    from allauth.socialaccount.internal import statekit

    from brobygger.identity.testing import complete_authorization

    enrolment = new_enrolment(personas, national_id=FNR)
    start = client.post("/konto/oidc/idporten/login/", {"process": "login"})
    session = client.session
    states = session[statekit.STATES_SESSION_KEY]
    for entry in states.values():
        entry[0]["nonce"] = "en-annen-nonce"
    session[statekit.STATES_SESSION_KEY] = states
    session.save()
    parts = urlsplit(complete_authorization(start["Location"], account(oidc, pid=FNR)))
    response = client.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 403
    enrolment.participant.refresh_from_db()
    assert enrolment.participant.user is None
