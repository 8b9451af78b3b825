from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.account.models import EmailAddress
from allauth.core import context, ratelimit
from allauth.core.internal import ratelimit as ratelimit_impl
from allauth.core.internal.ratelimit import get_ip
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import EmailMessage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy

from brobygger.accounts import reset_links
from brobygger.accounts.mail_language import mail_language
from brobygger.accounts.models import Membership
from brobygger.accounts.policy import has_second_factor

# Failed logins per account from all addresses together (settings.ACCOUNT_RATE_LIMITS; ADR 0007,
# amendment of issue 10). `login_failed` itself counts per client address and per account *at
# that address*, so a stranger who types wrong passwords locks out only their own address.
LOGIN_FAILED_ACCOUNT = "login_failed_account"

# MFA pages where a login (or activating the app) in the last few minutes counts as having
# re-authenticated: setting up the first app right after login, and seeing the recovery codes
# that setup has just made. Everything else that changes MFA or e-mail addresses (removing the
# app, new recovery codes, seeing the codes later, adding or changing an address) needs a
# password or code typed again within ACCOUNT_REAUTHENTICATION_TIMEOUT.
FIRST_SETUP = "mfa_activate_totp"
RIGHT_AFTER_SETUP = frozenset({"mfa_view_recovery_codes", "mfa_download_recovery_codes"})


def reset_may_go_to(user: Any, email: str) -> bool:
    """A password reset link goes only to an address the account owner has shown they read (a
    verified address), or to the address on the user record: the one staff entered (an invitation,
    «Gi tilgang») or one the owner verified. An address added on /konto/email/ becomes the user's
    address only once verified (ACCOUNT_CHANGE_EMAIL), so an unverified one never gets a link."""
    email = email.strip().lower()
    if EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists():
        return True
    return bool(user.email) and user.email.strip().lower() == email


def _recent(records: list[dict[str, Any]]) -> bool:
    last = max((float(record.get("at", 0)) for record in records), default=0.0)
    return time.time() - last < account_settings.REAUTHENTICATION_TIMEOUT


# The one message for a login whose memberships have all ended (password or identity provider).
ACCESS_ENDED = gettext_lazy(
    "Tilgangen din til Brobygger er avsluttet. Ta kontakt med koordinatoren eller "
    "administratoren hvis du skal ha den tilbake."
)


def access_ended(user: Any) -> bool:
    """Whether `user` held memberships and none is active now (an ended membership, not a user
    who never had a role)."""
    held = Membership.objects.filter(user=user)
    return held.exists() and not held.active().exists()


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by coordinators and administrators, never by sign-up."""

    def pre_login(
        self, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any
    ) -> HttpResponse | None:
        """A login whose memberships have all ended gets a page that says so, not 403s."""
        response = super().pre_login(request, user, **kwargs)
        if response is None and access_ended(user):
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            message = str(ACCESS_ENDED)
            return render(request, "identity/refused.html", {"message": message}, status=403)
        return response

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Every allauth mail (password reset, address confirmation, security notices) in the
        recipient's language: their own choice, else the language of the request that asked
        for it (ADR 0021)."""
        language = mail_language(context.get("user"), requested=translation.get_language())
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> EmailMessage:
        language = translation.get_language() or mail_language()
        headers = {"Content-Language": language, **(headers or {})}
        return super().render_mail(template_prefix, email, context, headers=headers)

    def send_password_reset_mail(
        self, user: AbstractBaseUser, email: str, context: dict[str, Any]
    ) -> None:
        """Only to a trusted address (reset_may_go_to); the answer on the page is the same either
        way. Remembers which address gets the link: using it verifies that address
        (accounts.reset_links, receivers.on_password_reset)."""
        if not reset_may_go_to(user, email):
            return
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
        """allauth asks for the password (or an MFA code) again before MFA and e-mail changes;
        only a re-authentication counts, not the login. Two exceptions keep the first setup
        smooth: a new user sets up the first authenticator app right after logging in, and sees
        the recovery codes it made, without typing the password twice."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return True
        match = request.resolver_match
        view_name = match.view_name if match is not None else None
        records = get_authentication_records(request, user)
        if view_name == FIRST_SETUP and not has_second_factor(user):
            return not _recent(records)
        if view_name in RIGHT_AFTER_SETUP:
            return not _recent([record for record in records if record.get("activated")])
        return True

    # --- Failed logins: per address, and per account without letting strangers lock it -------

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """allauth's per-account key (`5/5m/key` of `login_failed`), per client address too."""
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}@{get_ip(request)}"

    @staticmethod
    def account_key(**credentials: Any) -> str:
        login = credentials.get("username") or credentials.get("email") or ""
        return f"account:{str(login).strip().lower()}"

    def authenticate(self, request: HttpRequest, **credentials: Any) -> AbstractBaseUser | None:
        """Wrong passwords also count per account from every address (`login_failed_account`).
        When that budget is spent, the right password still gets in, but only to the MFA step:
        an account without an authenticator app waits (or uses «Glemt passord», which clears the
        counters), one with an app is safe behind the code. A stranger from one address cannot
        spend the budget (`login_failed` stops one address first)."""
        key = self.account_key(**credentials)
        budget_left = ratelimit.consume(request, action=LOGIN_FAILED_ACCOUNT, key=key, dry_run=True)
        user = super().authenticate(request, **credentials)
        if user is None:
            ratelimit.consume(request, action=LOGIN_FAILED_ACCOUNT, key=key)
            return None
        if not budget_left and not has_second_factor(user):
            raise self.validation_error("too_many_login_attempts")
        return user

    def clear_login_failures(self, request: HttpRequest, user: AbstractBaseUser) -> None:
        """After a password reset (receivers.on_password_reset): the owner proved they read
        the account's address, so neither per-account counter holds them back (the per-address
        ones stay)."""
        username = user.get_username()
        keys = {
            LOGIN_FAILED_ACCOUNT: self.account_key(username=username),
            "login_failed": self._get_login_attempts_cache_key(request, username=username),
        }
        for action, key in keys.items():
            rates = (account_settings.RATE_LIMITS.get(action) or "").split(",")
            per_key = [rate.strip() for rate in rates if rate.strip().endswith("/key")]
            ratelimit_impl.clear(
                request,
                app="allauth.account",
                action=action,
                key=key,
                config={action: ",".join(per_key)},
            )
