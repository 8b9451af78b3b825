"""Issue 10, «Trust under attack»: findings 4, 5, 9, 10 and 13 (13 is in test_rate_limits).
Each test drives the real pages as the attacker would, and sees the attack refused."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.utils import decrypt
from django.core.cache import cache
from django.test import Client

from brobygger.accounts import mfa_adapter
from brobygger.accounts.testing import add_totp, totp_code
from brobygger.accounts.tests.conftest import (
    MFA_RECHECK,
    MFA_SETUP,
    MFA_STEP,
    NOW,
    RECHECK,
    log_in,
    log_in_with_totp,
    reauthenticate,
)
from brobygger.testing import PASSWORD

pytestmark = pytest.mark.real_login

EMAIL_PAGE = "/konto/email/"
RESET = "/konto/password/reset/"
WRONG_CODE = "Feil kode."
CONFIRM_LINK = re.compile(r"https?://\S+/konto/confirm-email/\S+/")
RESET_LINK = re.compile(r"https?://\S+/konto/password/reset/key/\S+/")


def later(time_machine, seconds: float) -> None:
    time_machine.move_to(NOW + dt.timedelta(seconds=seconds), tick=False)


# --- Finding 4: account takeover by e-mail change -------------------------------------------


@pytest.fixture
def participant(personas):
    user = personas.participant_user
    user.email = "delta@example.org"
    user.save()
    return user


def test_adding_an_address_in_an_open_session_needs_the_password_again(
    client, participant, mailoutbox
):
    log_in(client, "deltaker")  # the participant's session, left open: the attacker uses it
    assert client.get(EMAIL_PAGE).status_code == 200

    added = client.post(EMAIL_PAGE, {"action_add": "", "email": "angriper@example.net"})

    assert added.status_code == 302
    assert added["Location"].startswith(RECHECK)
    assert not EmailAddress.objects.filter(email="angriper@example.net").exists()
    recheck = client.get(added["Location"]).content.decode()
    assert "Bekreft at det er deg" in recheck
    assert "Skriv inn passordet ditt" in recheck
    assert client.post(RECHECK, {"password": "gjetter-feil-1"}).status_code == 200
    assert not EmailAddress.objects.filter(email="angriper@example.net").exists()
    # And the reset the attacker wanted goes nowhere.
    assert Client().post(RESET, {"email": "angriper@example.net"}).status_code == 302
    assert mailoutbox == []


def test_a_new_address_gets_no_reset_link_until_verified_and_only_then_can_be_chosen(
    client, participant, mailoutbox
):
    log_in(client, "deltaker")
    reauthenticate(client)
    client.post(EMAIL_PAGE, {"action_add": "", "email": "ny.adresse@example.net"})

    pending = EmailAddress.objects.get(user=participant, email="ny.adresse@example.net")
    assert not pending.verified
    (confirmation,) = mailoutbox
    assert confirmation.to == ["ny.adresse@example.net"]

    # No reset link to the unverified address, even for the owner.
    assert Client().post(RESET, {"email": "ny.adresse@example.net"}).status_code == 302
    assert len(mailoutbox) == 1
    # A crafted «make primary» cannot make it the user's address either.
    refused = client.post(
        EMAIL_PAGE, {"action_primary": "", "email": "ny.adresse@example.net"}, follow=True
    )
    assert "Adressen må bekreftes før den kan brukes" in refused.content.decode()
    participant.refresh_from_db()
    assert participant.email == "delta@example.org"

    # The link mailed to the new address verifies it; then it can become the user's address.
    link = urlsplit(CONFIRM_LINK.search(confirmation.body).group(0)).path  # type: ignore[union-attr]
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert EmailAddress.objects.get(pk=pending.pk).verified
    chosen = client.post(EMAIL_PAGE, {"action_primary": "", "email": "ny.adresse@example.net"})
    assert chosen.status_code == 302
    participant.refresh_from_db()
    assert participant.email == "ny.adresse@example.net"
    assert Client().post(RESET, {"email": "ny.adresse@example.net"}).status_code == 302
    assert mailoutbox[-1].to == ["ny.adresse@example.net"]
    assert RESET_LINK.search(mailoutbox[-1].body)


def log_in_by_provider(client: Client, user) -> None:
    """What an ID-porten login leaves: no usable password, a "socialaccount" record."""
    from allauth.account.internal.flows.login import record_authentication

    user.set_unusable_password()
    user.save()
    client.force_login(user)
    session = client.session
    request = type("Request", (), {"session": session})()
    record_authentication(request, user, "socialaccount", provider="idporten")  # type: ignore[arg-type]
    session.save()


def test_a_user_with_no_password_and_no_app_is_told_what_to_do_instead(client, participant):
    """An ID-porten login has nothing we could ask again: no address changes on this page."""
    log_in_by_provider(client, participant)

    page = client.get(EMAIL_PAGE)
    html = page.content.decode()
    assert page.status_code == 403
    assert "Du kan ikke endre e-postadressen her" in html
    assert "Be koordinatoren din om å endre e-postadressen" in html

    refused = client.post(EMAIL_PAGE, {"action_add": "", "email": "angriper@example.net"})
    assert refused.status_code == 403
    assert not EmailAddress.objects.filter(email="angriper@example.net").exists()


def test_without_a_password_an_app_is_set_up_only_right_after_logging_in(
    client, participant, time_machine
):
    log_in_by_provider(client, participant)
    assert client.get(MFA_SETUP).status_code == 200

    later(time_machine, 6 * 60)  # the session left open
    page = client.get(MFA_SETUP)
    assert page.status_code == 403
    assert "Logg inn på nytt først" in page.content.decode()


# --- Finding 5: TOTP codes could be replayed ----------------------------------------------


def test_a_totp_code_is_accepted_once_even_33_seconds_later(client, personas, time_machine):
    secret = add_totp(personas.coordinator)
    code = totp_code(secret)
    log_in_with_totp(client, "koordinator", secret)
    client.post("/konto/logout/")

    later(time_machine, 33)  # allauth's cache entry for the used code has expired by now
    cache.clear()  # and the cache is not what stops the replay any more
    attacker = Client()
    assert log_in(attacker, "koordinator")["Location"] == MFA_STEP
    replay = attacker.post(MFA_STEP, {"code": code})

    assert WRONG_CODE in replay.content.decode()
    assert attacker.get("/kull/").status_code == 302
    # The owner's next code works.
    later(time_machine, 60)
    assert attacker.post(MFA_STEP, {"code": totp_code(secret)})["Location"] == "/"


def test_an_older_code_is_refused_once_a_newer_one_was_used(client, personas, time_machine):
    secret = add_totp(personas.coordinator)
    older = totp_code(secret)
    later(time_machine, 30)
    log_in_with_totp(client, "koordinator", secret)
    client.post("/konto/logout/")

    log_in(client, "koordinator")
    assert WRONG_CODE in client.post(MFA_STEP, {"code": older}).content.decode()


@pytest.fixture
def committing_personas(transactional_db):
    """allauth announces a new authenticator on commit, so this needs real commits."""
    from brobygger.testing import build_personas

    return build_personas()


def test_the_code_that_activated_the_app_cannot_log_in_afterwards(
    client, committing_personas, time_machine
):
    log_in(client, "koordinator")
    client.get(MFA_SETUP)
    secret = client.session["mfa.totp.secret"]
    code = totp_code(secret)
    assert client.post(MFA_SETUP, {"code": code}).status_code == 302
    client.post("/konto/logout/")

    later(time_machine, 20)
    log_in(client, "koordinator")
    assert WRONG_CODE in client.post(MFA_STEP, {"code": code}).content.decode()


# --- Finding 9: TOTP secrets in plain text, shown in the admin ------------------------------


def test_totp_secrets_are_stored_encrypted_and_still_log_in(client, personas):
    secret = add_totp(personas.coordinator)
    stored = Authenticator.objects.get(user=personas.coordinator, type="totp").data["secret"]

    assert stored.startswith("fernet:")
    assert secret not in stored
    assert decrypt(stored) == secret  # what core/tests/journey_helpers reads
    log_in_with_totp(client, "koordinator", secret)
    assert client.get("/kull/").status_code == 200


def test_a_secret_stored_in_plain_text_before_still_works_and_the_migration_encrypts_it(
    client, personas
):
    from django.apps import apps

    migration = importlib.import_module("brobygger.accounts.migrations.0005_encrypt_mfa_secrets")
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    app = Authenticator.objects.create(
        user=personas.coordinator, type="totp", data={"secret": secret}
    )
    codes = Authenticator.objects.create(
        user=personas.coordinator, type="recovery_codes", data={"seed": "ab" * 40, "used_mask": 0}
    )
    log_in_with_totp(client, "koordinator", secret)

    migration.encrypt_secrets(apps, None)

    app.refresh_from_db()
    codes.refresh_from_db()
    assert mfa_adapter.is_encrypted(app.data["secret"])
    assert decrypt(app.data["secret"]) == secret
    assert decrypt(codes.data["seed"]) == "ab" * 40
    migration.encrypt_secrets(apps, None)  # twice is harmless
    app.refresh_from_db()
    assert decrypt(app.data["secret"]) == secret


@pytest.mark.django_db
def test_the_admin_never_shows_an_authenticators_secret(client, personas):
    from brobygger.accounts.testing import record_full_login
    from brobygger.testing import make_user

    admin_user = make_user("rot", first_name="Rut")
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    secret = add_totp(personas.coordinator)
    seed = RecoveryCodes.activate(personas.coordinator).instance.data["seed"]
    stored = Authenticator.objects.get(user=personas.coordinator, type="totp")
    client.force_login(admin_user)
    session = client.session
    request = type("R", (), {"session": session})()
    record_full_login(request, admin_user)  # type: ignore[arg-type]
    session.save()

    for path in (
        "/admin/mfa/authenticator/",
        f"/admin/mfa/authenticator/{stored.pk}/change/",
    ):
        page = client.get(path)
        html = page.content.decode()
        assert page.status_code == 200, path
        assert secret not in html and stored.data["secret"] not in html, path
        assert seed not in html and "fernet:" not in html, path
    assert client.get("/admin/mfa/authenticator/add/").status_code == 403


def test_production_refuses_to_start_without_an_mfa_key(monkeypatch):
    from brobygger import settings as project_settings

    for name in ("BROBYGGER_TESTING", "DJANGO_DEBUG", "BROBYGGER_DEMO", "BROBYGGER_MFA_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)
    monkeypatch.setenv("DJANGO_EMAIL_BACKEND", "off")
    try:
        with pytest.raises(RuntimeError, match="BROBYGGER_MFA_KEY"):
            importlib.reload(project_settings)
        monkeypatch.setenv("BROBYGGER_MFA_KEY", "k1,k2")
        assert importlib.reload(project_settings).BROBYGGER_MFA_KEYS == ["k1", "k2"]
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)


def test_rotated_keys_still_decrypt_what_the_old_key_encrypted(settings):
    from cryptography.fernet import Fernet

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.BROBYGGER_MFA_KEYS = [old]
    stored = mfa_adapter.encrypt("JBSWY3DPEHPK3PXP")
    settings.BROBYGGER_MFA_KEYS = [new, old]
    assert mfa_adapter.decrypt(stored) == "JBSWY3DPEHPK3PXP"
    assert mfa_adapter.decrypt(mfa_adapter.encrypt("x")) == "x"


# --- Finding 10: MFA switched off from a fresh session ------------------------------------


def test_a_fresh_session_cannot_remove_the_app_or_renew_the_codes_without_a_recheck(
    client, personas
):
    secret = add_totp(personas.coordinator)
    old_codes = RecoveryCodes.activate(personas.coordinator).get_unused_codes()
    log_in_with_totp(client, "koordinator", secret)  # a moment ago: password and code

    removed = client.post("/konto/2fa/totp/deactivate/")
    renewed = client.post("/konto/2fa/recovery-codes/generate/")
    shown = client.get("/konto/2fa/recovery-codes/")

    for response in (removed, renewed, shown):
        assert response.status_code == 302
        assert response["Location"].startswith(RECHECK)
    assert Authenticator.objects.filter(user=personas.coordinator, type="totp").exists()
    rc = Authenticator.objects.get(user=personas.coordinator, type="recovery_codes")
    assert rc.wrap().get_unused_codes() == old_codes


def test_after_typing_the_password_again_the_app_can_be_removed_for_five_minutes(
    client, personas, time_machine
):
    secret = add_totp(personas.coordinator)
    log_in_with_totp(client, "koordinator", secret)
    reauthenticate(client)

    later(time_machine, 5 * 60 + 1)
    assert client.post("/konto/2fa/totp/deactivate/")["Location"].startswith(RECHECK)
    suspended = client.post("/konto/2fa/totp/deactivate/")
    assert suspended["Location"].startswith(RECHECK)
    # The recheck resumes the removal that was asked for.
    client.post(suspended["Location"], {"password": PASSWORD})
    assert not Authenticator.objects.filter(user=personas.coordinator, type="totp").exists()


def test_a_code_from_the_app_also_counts_as_the_recheck(client, personas, time_machine):
    secret = add_totp(personas.coordinator)
    log_in_with_totp(client, "koordinator", secret)

    later(time_machine, 30)  # the next code: the one from the login is used up
    assert client.post(MFA_RECHECK, {"code": totp_code(secret)}).status_code == 302
    client.post("/konto/2fa/totp/deactivate/")

    assert not Authenticator.objects.filter(user=personas.coordinator, type="totp").exists()


def test_the_replay_check_is_what_allauth_calls():
    """accounts.totp replaces allauth's TOTP.validate_code; an allauth upgrade that renames or
    bypasses it must fail here, not silently bring the replay back."""
    from allauth.mfa.totp.internal.auth import TOTP

    from brobygger.accounts import totp

    assert TOTP.validate_code is totp.validate_code
