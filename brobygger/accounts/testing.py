"""Test helpers for login and MFA: a "fully logged in" session, and TOTP codes computed the way
an authenticator app computes them."""

from __future__ import annotations

import time
from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.http import HttpRequest


def record_full_login(request: HttpRequest, user: Any) -> None:
    """Record a password step and an MFA step in `request.session`, exactly as allauth records
    them after a real login through the MFA step."""
    record_authentication(request, user, "password", username=user.get_username())
    record_authentication(request, user, "mfa", type=Authenticator.Type.TOTP)


def add_totp(user: Any) -> str:
    """Give `user` an authenticator app; returns its secret (what the QR code carries)."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str, at: float | None = None) -> str:
    """The 6-digit code an authenticator app shows at `at` (default: now)."""
    now = time.time() if at is None else at
    return format_hotp_value(hotp_value(secret, int(now) // mfa_settings.TOTP_PERIOD))
