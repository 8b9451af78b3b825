"""Helpers for the login, MFA and session tests: they drive the real login pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from brobygger.accounts.testing import totp_code
from brobygger.testing import PASSWORD

NOW = dt.datetime(2026, 10, 5, 9, 0, 5, tzinfo=dt.UTC)
LOGIN = "/konto/login/"
MFA_STEP = "/konto/2fa/authenticate/"
MFA_SETUP = "/konto/2fa/totp/activate/"
MFA_RECHECK = "/konto/2fa/reauthenticate/"
RECHECK = "/konto/reauthenticate/"


def log_in(client: Client, username: str, password: str = PASSWORD, **extra: Any) -> Any:
    return client.post(LOGIN, {"login": username, "password": password}, **extra)


def log_in_with_totp(client: Client, username: str, secret: str) -> None:
    """Password, then the MFA step with the code the app shows now."""
    response = log_in(client, username)
    assert response.status_code == 302
    assert response["Location"] == MFA_STEP
    response = client.post(MFA_STEP, {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()


def reauthenticate(client: Client, password: str = PASSWORD) -> Any:
    """Type the password again on allauth's re-authentication page (before MFA or e-mail
    changes, ADR 0007)."""
    response = client.post(RECHECK, {"password": password})
    assert response.status_code == 302, response.content.decode()
    return response


@pytest.fixture(autouse=True)
def _frozen_clock(time_machine):
    """A TOTP code computed in the test is checked by the view at the same instant."""
    time_machine.move_to(NOW, tick=False)
