"""When the organisation's identity provider has done the second factor, we do not ask again.

An Entra ID token whose `amr` holds one of the provider's `mfa_amr` values (default "mfa")
counts as the MFA step: allauth's MFA stage is skipped at login and an "mfa" record is written
to the session, which is what accounts.middleware.RequireMFAMiddleware checks. Otherwise staff
get the local authenticator-app step as with a password.
"""

from __future__ import annotations

from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.stages import AuthenticateStage as AllauthAuthenticateStage
from django.http import HttpRequest


def claims_of(sociallogin: Any) -> dict[str, Any]:
    data = sociallogin.account.extra_data or {}
    claims = data.get("id_token") if isinstance(data, dict) else None
    return claims if isinstance(claims, dict) else {}


def provider_asserted_mfa(sociallogin: Any) -> bool:
    if sociallogin is None:
        return False
    wanted = set(sociallogin.account.get_provider().app.settings.get("brobygger_mfa_amr") or [])
    amr = claims_of(sociallogin).get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return bool(wanted & {str(value) for value in amr})


def _sociallogin(login: Any) -> Any:
    return (getattr(login, "signal_kwargs", None) or {}).get("sociallogin")


class AuthenticateStage(AllauthAuthenticateStage):
    """allauth's MFA step at login, skipped when the identity provider asserted MFA."""

    def _should_handle(self, request: HttpRequest) -> bool:
        if provider_asserted_mfa(_sociallogin(self.login)):
            return False
        return bool(super()._should_handle(request))


def on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    sociallogin = kwargs.get("sociallogin")
    if sociallogin is not None and provider_asserted_mfa(sociallogin):
        record_authentication(
            request, user, "mfa", type="provider", provider=sociallogin.account.provider
        )
