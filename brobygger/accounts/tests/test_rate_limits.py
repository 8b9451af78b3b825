"""Login throttling per account and per client address; a forged X-Forwarded-For buys nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from brobygger.accounts.tests.conftest import log_in

pytestmark = pytest.mark.real_login

TOO_MANY = "For mange innloggingsforsøk"
WRONG = "Brukernavnet og/eller passordet du oppgav er feil."


def fail_from(client, n: int, **extra) -> list[str]:
    """`n` failed logins, each for a different (unknown) username, from one client."""
    return [
        log_in(client, f"ukjent{i}", "feil-passord-x", **extra).content.decode() for i in range(n)
    ]


def test_an_account_is_locked_for_5_minutes_after_5_wrong_passwords(client, personas, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 5, 8, 0, tzinfo=dt.UTC), tick=False)
    for i in range(5):  # from five different addresses: the limit follows the account
        page = log_in(client, "koordinator", "feil-passord-x", REMOTE_ADDR=f"198.51.100.{i}")
        assert WRONG in page.content.decode()

    locked = log_in(client, "koordinator", REMOTE_ADDR="198.51.100.99")  # the right password
    assert TOO_MANY in locked.content.decode()
    assert "_auth_user_id" not in client.session

    time_machine.move_to(dt.datetime(2026, 10, 5, 8, 5, 1, tzinfo=dt.UTC), tick=False)
    assert log_in(client, "koordinator", REMOTE_ADDR="198.51.100.99").status_code == 302


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
