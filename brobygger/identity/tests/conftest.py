"""The real test provider, configured as one ID-porten and one Entra ID client."""

from __future__ import annotations

import itertools
import json
from typing import Any
from urllib.parse import urlsplit

import pytest

from brobygger.identity import config
from brobygger.identity.testing import (
    ENTRA_CLIENT,
    IDPORTEN_CLIENT,
    OIDCTestProvider,
    complete_authorization,
    oidc_provider,  # noqa: F401  (session fixture)
)

TENANT = "3f1c0d2e-0000-4000-8000-00000000b3e6"
_logins = itertools.count(1)


def provider_entries(issuer: str, **overrides: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": "idporten",
            "kind": "idporten",
            "name": "ID-porten",
            "issuer": issuer,
            "client_id": IDPORTEN_CLIENT[0],
            "client_secret": overrides.get("idporten_secret", IDPORTEN_CLIENT[1]),
        },
        {
            "id": "entra",
            "kind": "entra",
            "name": "Bergen kommune",
            "issuer": issuer,
            "client_id": ENTRA_CLIENT[0],
            "client_secret": ENTRA_CLIENT[1],
            "mfa_amr": ["mfa"],
            "tenant": TENANT,
        },
    ]


@pytest.fixture
def oidc(settings, oidc_provider) -> OIDCTestProvider:  # noqa: F811
    settings.SOCIALACCOUNT_PROVIDERS = config.socialaccount_providers(
        json.dumps(provider_entries(oidc_provider.issuer))
    )
    return oidc_provider


def unique_login(prefix: str) -> str:
    return f"{prefix}-{next(_logins)}"


def oidc_login(client: Any, provider_id: str, login: str, *, cancel: bool = False) -> Any:
    """Start the login on our side, log in on the provider's page, and come back: the
    response of our callback view."""
    start = client.post(f"/konto/oidc/{provider_id}/login/", {"process": "login"})
    assert start.status_code == 302, start.content.decode()[:500]
    callback = complete_authorization(start["Location"], login, cancel=cancel)
    parts = urlsplit(callback)
    return client.get(f"{parts.path}?{parts.query}")
