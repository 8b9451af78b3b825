"""Who must use MFA, and whether this session has passed it (ADR 0007).

MFA is required for every user except those whose roles are all "participant"; staff and
superusers (the Django admin) always need it. In demo mode the demo logins may skip it. A session
has passed MFA when allauth recorded an "mfa" authentication step in it: the MFA step at login,
the MFA re-authentication page, or (accounts.receivers) activating an authenticator app.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest

from brobygger.accounts.models import Role
from brobygger.core.access import user_roles

# Authenticators that count as a second factor at login (recovery codes are only a fallback).
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


# The demo's login names, registered by demo.apps: accounts sits below the demo and does not
# import it (ADR 0024). Read only in demo mode.
_demo_logins: frozenset[str] = frozenset()


def register_demo_logins(usernames: Iterable[str]) -> None:
    global _demo_logins
    _demo_logins = frozenset(usernames)


def demo_login_may_skip_mfa(user: Any) -> bool:
    if not settings.DEMO_MODE:
        return False
    return user.username in _demo_logins


def mfa_required(request: HttpRequest) -> bool:
    """Uses the per-request membership cache, so the view's role check costs no extra query."""
    user = request.user
    if demo_login_may_skip_mfa(user):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return user_roles(request) != {Role.PARTICIPANT}


def mfa_passed(request: HttpRequest) -> bool:
    records = get_authentication_records(request, request.user)  # type: ignore[arg-type]
    return any(record.get("method") == "mfa" for record in records)


def has_second_factor(user: Any) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTORS).exists()
