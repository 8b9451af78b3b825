from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from brobygger.accounts import reset_links


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by coordinators and administrators, never by sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_password_reset_mail(
        self, user: AbstractBaseUser, email: str, context: dict[str, Any]
    ) -> None:
        """Remember which address gets the link: using it verifies that address
        (accounts.reset_links, receivers.on_password_reset)."""
        temp_key = context.get("key")
        if temp_key:
            reset_links.remember_mailed_to(user, temp_key, email)
        super().send_password_reset_mail(user, email, context)

    def get_login_stages(self) -> list[str]:
        """allauth's MFA step, skipped when the organisation's identity provider asserted MFA
        (identity.mfa)."""
        return [
            "brobygger.identity.mfa.AuthenticateStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """allauth asks for the password (or an MFA code) again before MFA changes. A login or
        re-check in the last few minutes counts, so a new user sets up the authenticator app
        right after logging in without typing the password twice."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return True
        records = get_authentication_records(request, user)
        last = max((float(record.get("at", 0)) for record in records), default=0.0)
        return time.time() - last >= account_settings.REAUTHENTICATION_TIMEOUT
