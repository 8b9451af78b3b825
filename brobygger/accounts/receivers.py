"""Reactions to login, logout, password reset and MFA events from Django and allauth (connected
in apps.ready).

These are signals because every path must be covered: allauth's views, the Django admin's logout,
the test client, and allauth's MFA pages all send them.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.account.views import INTERNAL_RESET_SESSION_KEY, PasswordResetFromKeyView
from allauth.mfa.models import Authenticator
from django.http import HttpRequest

from brobygger.accounts import reset_links, sessions, totp
from brobygger.accounts.policy import SECOND_FACTORS, has_second_factor


def on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    sessions.start(request)


def on_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Logging out anywhere ends the user's sessions everywhere."""
    if user is not None:
        sessions.end_all_of(user)


def on_password_reset(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """A new password set through the link in a reset mail proves the person reads the address
    the mail went to: that address counts as verified from now on, as allauth's code-based reset
    does it (accounts.reset_links). Without this, the unverified copy of `user.email` that the
    reset itself created would stop the user from ever setting up MFA."""
    get_adapter(request).clear_login_failures(request, user)
    match = request.resolver_match
    if match is None or match.view_name != "account_reset_password_from_key":
        return  # e.g. the code-based reset, which verifies the address itself
    temp_key = match.kwargs.get("key", "")
    if temp_key == PasswordResetFromKeyView.reset_url_key:
        # The usual case: the key was moved from the address bar into the session.
        temp_key = request.session.get(INTERNAL_RESET_SESSION_KEY, "")
    addresses = {address.email: address for address in EmailAddress.objects.filter(user=user)}
    email = reset_links.take_mailed_to(user, temp_key, list(addresses))
    if email is not None:
        # Only the flag: which address is primary (and user.email) stays as the staff set it.
        # set_verified() declines if another account has verified the same address already.
        addresses[email].set_verified(commit=True)


def on_authenticator_added(
    sender: Any, request: HttpRequest, user: Any, authenticator: Authenticator, **kwargs: Any
) -> None:
    """Activating an authenticator app means typing a valid code from it: that is the second
    factor, so this session has passed MFA (recorded the way allauth records its MFA step).
    The code typed to activate it is used up: it cannot log anyone in afterwards (accounts.totp)."""
    if authenticator.type == Authenticator.Type.TOTP:
        totp.mark_used(authenticator, str(getattr(request, "POST", {}).get("code", "")))
    if authenticator.type in SECOND_FACTORS:
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True
        )


def on_authenticator_removed(
    sender: Any, request: HttpRequest, user: Any, authenticator: Authenticator, **kwargs: Any
) -> None:
    """Without a second factor left, the MFA step this session passed no longer counts: the
    middleware sends a user who needs MFA straight to setting up a new one."""
    if has_second_factor(user):
        return
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY)
    if isinstance(records, list):
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            record for record in records if record.get("method") != "mfa"
        ]
