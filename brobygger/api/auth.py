"""Machine clients authenticate with `Authorization: Bearer <token>` (ADR 0019).

A missing, unknown or revoked token is refused with 401 before anything is read; a known
client is then counted against its rate limit (a fixed window in the shared cache, the same
counter as the public pages' limits in core/ratelimit.py) and refused with 429 past it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from brobygger.api import selectors, services
from brobygger.api.models import ApiClient
from brobygger.core.ratelimit import hit


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


class MissingScope(Exception):
    def __init__(self, scope: str) -> None:
        super().__init__(scope)
        self.scope = scope


def rate_limit() -> tuple[int, int]:
    """(requests, per seconds) for each client; settings.API_RATE_LIMIT overrides."""
    limit, seconds = getattr(settings, "API_RATE_LIMIT", (600, 60))
    return int(limit), int(seconds)


class ClientToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        client = selectors.client_for_token(token.strip())
        if client is None:
            return None
        limit, seconds = rate_limit()
        retry_after = hit(bucket=str(client.pk), action="api", limit=limit, per_seconds=seconds)
        if retry_after is not None:
            raise RateLimited(retry_after)
        services.api_client_touch(client=client, now=timezone.now())
        return client


def require_scope(request: HttpRequest, scope: str) -> ApiClient:
    """The authenticated client, if it holds `scope`; 403 problem otherwise."""
    client: Any = request.auth  # type: ignore[attr-defined]
    if not isinstance(client, ApiClient) or not client.has_scope(scope):
        raise MissingScope(scope)
    return client
