"""Lets the login buttons post to a form that the identity provider answers.

Our CSP says `form-action 'self'`, and browsers apply it to the redirects that follow a form
post: the button posts to our own allauth URL, which redirects to the provider's authorize
endpoint, so the provider's origin must be allowed too. Only the configured providers' origins
are added (identity/config.py: the issuer's, or the entry's `form_action` list).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from brobygger.identity.config import form_action_origins


class ProviderFormActionMiddleware:
    """Sits inside django-csp's middleware, so the update reaches its header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        origins = form_action_origins(settings.SOCIALACCOUNT_PROVIDERS)
        if origins and "text/html" in response.get("Content-Type", ""):
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [*update.get("form-action", []), *origins]
            response._csp_update = update  # type: ignore[attr-defined]
        return response
