"""The configured identity providers, as the login and invitation pages list them."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse


@dataclass(frozen=True)
class ProviderButton:
    provider_id: str
    name: str
    kind: str

    @property
    def login_url(self) -> str:
        return reverse("openid_connect_login", kwargs={"provider_id": self.provider_id})


def providers_for(kind: str | None = None) -> list[ProviderButton]:
    """Configured providers of `kind` ("idporten", "entra"), or all; none by default."""
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
    buttons = [
        ProviderButton(app["provider_id"], app["name"], app["settings"]["brobygger_kind"])
        for app in apps
    ]
    return [button for button in buttons if kind is None or button.kind == kind]
