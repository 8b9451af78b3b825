"""MFA at login: staff set up an authenticator app or pass the MFA step; participants may opt in."""

from __future__ import annotations

import base64

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from brobygger.accounts.models import Membership, Role
from brobygger.accounts.testing import add_totp, totp_code
from brobygger.accounts.tests.conftest import (
    MFA_SETUP,
    MFA_STEP,
    log_in,
    log_in_with_totp,
    reauthenticate,
)

pytestmark = pytest.mark.real_login


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, personas):
    assert log_in(client, "koordinator")["Location"] == "/"

    for path in ("/", "/kull/", "/konto/2fa/", "/konto/password/change/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, MFA_SETUP), path
    assert client.post("/kull/ny/", {"name": "x"})["Location"] == MFA_SETUP


def test_the_setup_page_shows_the_qr_code_as_an_image_and_the_secret_as_text(client, personas):
    log_in(client, "koordinator")

    page = client.get(MFA_SETUP)

    html = page.content.decode()
    secret = client.session["mfa.totp.secret"]
    assert page.status_code == 200
    assert "Sett opp totrinnsinnlogging" in html
    uri = html.split('class="mfa-qr" src="', 1)[1].split('"', 1)[0]
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).startswith(b"<?xml")
    assert f'id="authenticator_secret" aria-describedby="secret-help">{secret}</code>' in html
    assert '<label class="ds-label" for="id_code">' in html


@pytest.fixture
def committing_personas(transactional_db):
    """allauth announces a new authenticator on commit, so this needs real commits."""
    from brobygger.testing import build_personas

    return build_personas()


def test_activating_the_app_passes_mfa_for_this_session_and_shows_recovery_codes(
    client, committing_personas
):
    personas = committing_personas
    log_in(client, "koordinator")
    client.get(MFA_SETUP)
    secret = client.session["mfa.totp.secret"]

    response = client.post(MFA_SETUP, {"code": totp_code(secret)})

    assert response["Location"] == "/konto/2fa/recovery-codes/"
    types = set(personas.coordinator.authenticator_set.values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    codes = client.get("/konto/2fa/recovery-codes/")
    assert codes.status_code == 200
    assert "Gjenopprettingskoder" in codes.content.decode()
    assert client.get("/").status_code == 200


def test_a_wrong_setup_code_is_refused_in_norwegian_and_saves_nothing(client, personas):
    log_in(client, "koordinator")
    client.get(MFA_SETUP)

    response = client.post(MFA_SETUP, {"code": "000000"})

    assert response.status_code == 200
    assert "Feil kode." in response.content.decode()
    assert not Authenticator.objects.filter(user=personas.coordinator).exists()


def test_staff_with_an_app_must_pass_the_mfa_step_before_they_are_logged_in(client, personas):
    secret = add_totp(personas.coordinator)

    response = log_in(client, "koordinator")

    assert response["Location"] == MFA_STEP
    assert client.get("/").status_code == 302  # not logged in yet
    wrong = client.post(MFA_STEP, {"code": "000000"})
    assert "Feil kode." in wrong.content.decode()
    assert client.post(MFA_STEP, {"code": totp_code(secret)})["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_recovery_code_works_once_instead_of_the_app(client, personas):
    add_totp(personas.coordinator)
    code = RecoveryCodes.activate(personas.coordinator).get_unused_codes()[0]

    log_in(client, "koordinator")
    assert client.post(MFA_STEP, {"code": code})["Location"] == "/"

    client.post("/konto/logout/")
    log_in(client, "koordinator")
    assert "Feil kode." in client.post(MFA_STEP, {"code": code}).content.decode()


def test_participants_need_no_mfa_but_may_opt_in(client, personas):
    log_in(client, "deltaker")
    assert client.get("/meg/").status_code == 200
    client.post("/konto/logout/")

    secret = add_totp(personas.participant_user)
    assert log_in(client, "deltaker")["Location"] == MFA_STEP
    client.post(MFA_STEP, {"code": totp_code(secret)})
    assert client.get("/meg/").status_code == 200


def test_a_participant_who_also_holds_a_staff_role_needs_mfa(client, personas):
    Membership.objects.create(
        user=personas.participant_user, organisation=personas.bergen, role=Role.TEACHER
    )
    log_in(client, "deltaker")

    assert client.get("/meg/")["Location"] == MFA_SETUP


def test_a_user_with_no_role_at_all_is_treated_as_staff(client, db):
    from brobygger.testing import make_user

    make_user("ingen")
    log_in(client, "ingen")

    assert client.get("/")["Location"] == MFA_SETUP


def test_removing_the_app_sends_staff_straight_back_to_setup(client, personas):
    secret = add_totp(personas.coordinator)
    log_in_with_totp(client, "koordinator", secret)
    reauthenticate(client)

    client.post("/konto/2fa/totp/deactivate/")

    assert not Authenticator.objects.filter(user=personas.coordinator).exists()
    assert client.get("/")["Location"] == MFA_SETUP


def test_htmx_requests_are_sent_to_the_mfa_page_as_a_whole_page(client, personas):
    log_in(client, "koordinator")

    response = client.get("/kull/", headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"] == MFA_SETUP


def test_mfa_steps_are_rate_limited_per_account(client, personas):
    add_totp(personas.coordinator)
    log_in(client, "koordinator")

    messages = [client.post(MFA_STEP, {"code": f"{n:06}"}).content.decode() for n in range(1, 7)]

    assert "Feil kode." in messages[0]
    assert "For mange innloggingsforsøk" in messages[-1]
