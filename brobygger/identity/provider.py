"""allauth's OpenID Connect provider with what ID-porten and Entra ID need on top (ADR 0012).

allauth sends `state` and (with oauth_pkce_enabled) a PKCE S256 challenge, and checks the ID
token's signature, issuer and audience. It sends no `nonce`: this subclass adds one per login,
keeps it in allauth's state, and `invitations.adapter.SocialAccountAdapter` checks the token
carries it. A provider that does not answer gives a Norwegian page, not a 500.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from requests import RequestException

logger = logging.getLogger(__name__)


class BrobyggerOIDCProvider(OpenIDConnectProvider):
    # Swapped in for allauth's own by SOCIALACCOUNT_PROVIDERS["openid_connect"]["provider_class"]
    # (identity/config.py); its URLs stay allauth's.
    package = "allauth.socialaccount.providers.openid_connect"

    def redirect(
        self,
        request: HttpRequest,
        process: Any,
        next_url: str | None = None,
        data: Any = None,
        **kwargs: Any,
    ) -> HttpResponse:
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params = {**auth_params, "nonce": nonce}
        try:
            return super().redirect(  # type: ignore[no-any-return]
                request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs
            )
        except RequestException as exc:
            logger.warning("identity provider %s unreachable: %s", self.app.provider_id, exc)
            return provider_unavailable(request, self.app.name)

    @property
    def kind(self) -> str:
        return str(self.app.settings.get("brobygger_kind", ""))


def provider_unavailable(request: HttpRequest, name: str) -> HttpResponse:
    return render(request, "identity/unavailable.html", {"provider_name": name}, status=503)
