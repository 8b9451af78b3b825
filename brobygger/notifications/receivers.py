"""Account security notifications from allauth's signals (connected in apps.ready).

Signals, because every path that changes a login must be covered: allauth's password change,
set and reset pages and its MFA pages all send them. allauth sends the MFA ones after the
transaction commits; `notify` queues its mail on commit either way.
"""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator

from brobygger.notifications.services import account_security_notify


def on_password_changed(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    account_security_notify(user=user, event="password_changed")


def on_password_set(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    account_security_notify(user=user, event="password_set")


def on_password_reset(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    account_security_notify(user=user, event="password_reset")


def on_authenticator_added(
    sender: Any, request: Any, user: Any, authenticator: Authenticator, **kwargs: Any
) -> None:
    # Recovery codes come with a new authenticator app: one notification for the pair.
    if authenticator.type != Authenticator.Type.RECOVERY_CODES:
        account_security_notify(user=user, event=f"mfa_added:{authenticator.type}")


def on_authenticator_removed(
    sender: Any, request: Any, user: Any, authenticator: Authenticator, **kwargs: Any
) -> None:
    if authenticator.type != Authenticator.Type.RECOVERY_CODES:
        account_security_notify(user=user, event=f"mfa_removed:{authenticator.type}")


def on_authenticator_reset(
    sender: Any, request: Any, user: Any, authenticator: Authenticator, **kwargs: Any
) -> None:
    account_security_notify(user=user, event="recovery_codes_reset")
