from __future__ import annotations

from django import template

from brobygger.identity.providers import ProviderButton, providers_for

register = template.Library()


@register.simple_tag
def identity_providers() -> list[ProviderButton]:
    """The configured providers, for the login page's buttons (none by default)."""
    return providers_for()
