"""Login throttling per account and per client address; a forged X-Forwarded-For buys nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from brobygger.accounts.testing import add_totp, totp_code
from brobygger.accounts.tests.conftest import MFA_STEP, log_in

pytestmark = pytest.mark.real_login

TOO_MANY = "For mange innloggingsforsøk"
WRONG = "Brukernavnet og/eller passordet du oppgav er feil."


def fail_from(client, n: int, **extra) -> list[str]:
    """`n` failed logins, each for a different (unknown) username, from one client."""
    return [
        log_in(client, f"ukjent{i}", "feil-passord-x", **extra).content.decode() for i in range(n)
    ]


def test_5_wrong_passwords_lock_only_the_address_they_came_from_for_5_minutes(
    client, personas, time_machine
):
    """Issue 10, finding 13: a stranger typing a named user's name with wrong passwords used to
    lock that user out for five minutes. Now the stranger locks out only their own address."""
    time_machine.move_to(dt.datetime(2026, 10, 5, 8, 0, tzinfo=dt.UTC), tick=False)
    stranger = "198.51.100.7"
    for _ in range(5):
        page = log_in(client, "koordinator", "feil-passord-x", REMOTE_ADDR=stranger)
        assert WRONG in page.content.decode()

    # The stranger is stopped, even with the right password ...
    locked = log_in(client, "koordinator", REMOTE_ADDR=stranger)
    assert TOO_MANY in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # ... the user, from their own address, is not.
    assert log_in(Client(), "koordinator", REMOTE_ADDR="192.0.2.10")["Location"] == "/"

    time_machine.move_to(dt.datetime(2026, 10, 5, 8, 5, 1, tzinfo=dt.UTC), tick=False)
    assert log_in(client, "koordinator", REMOTE_ADDR=stranger).status_code == 302


def test_many_addresses_spend_the_accounts_budget_then_only_password_and_code_get_in(
    client, personas, settings
):
    """Wrong passwords from many addresses (a botnet) also count per account. Once the account's
    budget is spent, an account with an authenticator app still gets in with the right password
    *and* a code; one without an app must wait or use «Glemt passord»."""
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "6/h/key",
    }
    secret = add_totp(personas.coordinator)
    for name in ("koordinator", "deltaker"):
        for i in range(6):  # three addresses, each well under its own limits
            page = log_in(Client(), name, "feil-passord-x", REMOTE_ADDR=f"203.0.113.{i % 3}")
            assert WRONG in page.content.decode()

    staff = Client()
    assert log_in(staff, "koordinator", REMOTE_ADDR="192.0.2.10")["Location"] == MFA_STEP
    assert (
        staff.post(MFA_STEP, {"code": totp_code(secret)}, REMOTE_ADDR="192.0.2.10")["Location"]
        == "/"
    )
    # A wrong password is still wrong, and gives away nothing more.
    assert WRONG in log_in(Client(), "koordinator", "feil-passord-y").content.decode()

    participant = log_in(Client(), "deltaker", REMOTE_ADDR="192.0.2.11")
    assert TOO_MANY in participant.content.decode()


def test_a_password_reset_lifts_the_accounts_budget(client, personas, settings, mailoutbox):
    import re
    from urllib.parse import urlsplit

    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "3/h/key",
    }
    user = personas.participant_user
    user.email = "delta@example.org"
    user.save()
    for i in range(3):
        log_in(Client(), "deltaker", "feil-passord-x", REMOTE_ADDR=f"203.0.113.{i}")
    assert TOO_MANY in log_in(client, "deltaker").content.decode()

    client.post("/konto/password/reset/", {"email": "delta@example.org"})
    link = re.search(r"https?://\S+/konto/password/reset/key/\S+/", mailoutbox[-1].body)
    form = client.get(urlsplit(link.group(0)).path)["Location"]  # type: ignore[union-attr]
    new = "lyng-mose-brygge-tak"
    done = client.post(form, {"password1": new, "password2": new})
    assert done["Location"] == "/konto/password/reset/key/done/"

    page = log_in(client, "deltaker", new)
    assert page.status_code == 302, page.content.decode()


def test_an_address_is_stopped_after_10_failed_logins_a_minute(client, personas):
    pages = fail_from(client, 10)

    assert all(WRONG in page for page in pages)
    assert TOO_MANY in log_in(client, "koordinator").content.decode()
    assert log_in(client, "koordinator", REMOTE_ADDR="192.0.2.50").status_code == 302


def test_rotating_x_forwarded_for_does_not_escape_the_limit_without_trusted_proxies(
    client, personas, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for i in range(10):
        log_in(client, f"ukjent{i}", "feil-passord-x", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")

    page = log_in(client, "koordinator", HTTP_X_FORWARDED_FOR="203.0.113.200")

    assert TOO_MANY in page.content.decode()


def test_behind_one_proxy_the_right_most_address_is_the_client(client, personas, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for i in range(10):  # the client forges the left part; our proxy appends the real address
        xff = f"10.0.0.{i}, 203.0.113.7"
        log_in(client, f"ukjent{i}", "feil-passord-x", HTTP_X_FORWARDED_FOR=xff)

    blocked = log_in(client, "koordinator", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7")
    other_client = log_in(client, "koordinator", HTTP_X_FORWARDED_FOR="203.0.113.7, 203.0.113.8")

    assert TOO_MANY in blocked.content.decode()
    assert other_client.status_code == 302


def test_the_proxy_count_comes_from_the_environment_and_defaults_to_0(monkeypatch):
    import importlib

    from brobygger import settings as project_settings

    monkeypatch.delenv("BROBYGGER_TRUSTED_PROXY_COUNT", raising=False)
    assert importlib.reload(project_settings).ALLAUTH_TRUSTED_PROXY_COUNT == 0
    monkeypatch.setenv("BROBYGGER_TRUSTED_PROXY_COUNT", "2")
    assert importlib.reload(project_settings).ALLAUTH_TRUSTED_PROXY_COUNT == 2
    monkeypatch.delenv("BROBYGGER_TRUSTED_PROXY_COUNT")
    importlib.reload(project_settings)
