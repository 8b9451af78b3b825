"""Identity providers from the environment: ID-porten for participants, Entra ID for staff.

`BROBYGGER_OIDC_PROVIDERS` holds a JSON list; each entry is one OpenID Connect client:

    [{"id": "idporten", "kind": "idporten", "name": "ID-porten",
      "issuer": "https://idporten.no", "client_id": "...", "client_secret": "...",
      "acr": "idporten-loa-substantial"},
     {"id": "bergen", "kind": "entra", "name": "Bergen kommune",
      "issuer": "https://login.microsoftonline.com/<tenant id>/v2.0",
      "client_id": "...", "client_secret": "...", "mfa_amr": ["mfa"]}]

Nothing configured (the default, `make run`): invitations lead to a user name and password,
plus an authenticator app for staff. Pure Python: settings.py imports it.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

IDPORTEN = "idporten"
ENTRA = "entra"
KINDS = (IDPORTEN, ENTRA)
# ID-porten's levels in rising order; the older names map onto them.
ACR_LEVELS = ("idporten-loa-low", "idporten-loa-substantial", "idporten-loa-high")
ACR_ALIASES = {"Level3": "idporten-loa-substantial", "Level4": "idporten-loa-high"}
DEFAULT_ACR = "idporten-loa-substantial"


class ProviderConfigError(ValueError):
    pass


def _app(entry: dict[str, Any]) -> dict[str, Any]:
    missing = [key for key in ("id", "kind", "issuer", "client_id") if not entry.get(key)]
    if missing:
        raise ProviderConfigError(f"BROBYGGER_OIDC_PROVIDERS: an entry lacks {missing}")
    kind = entry["kind"]
    if kind not in KINDS:
        raise ProviderConfigError(f"BROBYGGER_OIDC_PROVIDERS: kind must be one of {KINDS}")
    acr = entry.get("acr", DEFAULT_ACR)
    if kind == IDPORTEN and acr not in ACR_LEVELS:
        raise ProviderConfigError(f"BROBYGGER_OIDC_PROVIDERS: acr must be one of {ACR_LEVELS}")
    provider_settings: dict[str, Any] = {
        "server_url": entry["issuer"],
        # The claims we need (pid, acr, amr, oid, tid) are in the ID token, whose signature
        # and audience allauth checks; no userinfo call.
        "fetch_userinfo": False,
        "oauth_pkce_enabled": True,
        "brobygger_kind": kind,
        # Where the browser is sent to log in: for the CSP's form-action (identity.middleware).
        "brobygger_form_action": list(entry.get("form_action") or [_origin(entry["issuer"])]),
        "uid_field": "sub" if kind == IDPORTEN else "oid",
    }
    if kind == IDPORTEN:
        provider_settings["auth_params"] = {"acr_values": acr}
        provider_settings["scope"] = ["openid", "profile"]
        provider_settings["brobygger_min_acr"] = acr
    else:
        provider_settings["scope"] = ["openid", "profile", "email"]
        provider_settings["brobygger_mfa_amr"] = list(entry.get("mfa_amr", ["mfa"]))
        if entry.get("tenant"):
            provider_settings["brobygger_tenant"] = entry["tenant"]
    return {
        "provider_id": entry["id"],
        "name": entry.get("name") or ("ID-porten" if kind == IDPORTEN else "Entra ID"),
        "client_id": entry["client_id"],
        "secret": entry.get("client_secret", ""),
        "settings": provider_settings,
    }


def socialaccount_providers(raw: str) -> dict[str, Any]:
    """SOCIALACCOUNT_PROVIDERS for allauth from the JSON in BROBYGGER_OIDC_PROVIDERS."""
    try:
        entries = json.loads(raw or "[]")
    except json.JSONDecodeError as exc:
        raise ProviderConfigError(f"BROBYGGER_OIDC_PROVIDERS is not valid JSON: {exc}") from exc
    if not isinstance(entries, list):
        raise ProviderConfigError("BROBYGGER_OIDC_PROVIDERS must be a JSON list")
    return {
        "openid_connect": {
            "provider_class": "brobygger.identity.provider.BrobyggerOIDCProvider",
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [_app(entry) for entry in entries],
        }
    }


def acr_rank(value: str) -> int:
    """-1 for an unknown level, so it never passes a minimum."""
    value = ACR_ALIASES.get(value, value)
    return ACR_LEVELS.index(value) if value in ACR_LEVELS else -1


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def form_action_origins(providers: dict[str, Any]) -> list[str]:
    apps = providers.get("openid_connect", {}).get("APPS", [])
    origins: list[str] = []
    for app in apps:
        for origin in app.get("settings", {}).get("brobygger_form_action", []):
            if origin not in origins:
                origins.append(origin)
    return origins
