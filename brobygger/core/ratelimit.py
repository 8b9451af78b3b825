"""A small fixed-window rate limit for public pages (diploma check, contact form) and API clients.

The client address comes from allauth's adapter, which honours ALLAUTH_TRUSTED_PROXY_COUNT, so a
forged X-Forwarded-For does not buy a fresh window. The address is hashed in the cache key and
never logged. Like allauth's own limits, this needs a cache shared by all processes in
production (the default local-memory cache is per process).
"""

from __future__ import annotations

import hashlib
import time

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    try:
        return get_adapter(request).get_client_ip(request) or "unknown"
    except PermissionDenied:  # no usable address: share one bucket rather than skip the limit
        return "unknown"


def allow(request: HttpRequest, *, action: str, limit: int, per_seconds: int) -> bool:
    """Count one attempt for this client and action; False once `limit` is passed."""
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()
    return hit(bucket=digest, action=action, limit=limit, per_seconds=per_seconds) is None


def hit(*, bucket: str, action: str, limit: int, per_seconds: int) -> int | None:
    """Count one attempt in `bucket` (an address's hash, an API client's id); None while within
    `limit`, else the seconds until the window ends (for a Retry-After header)."""
    key = f"brobygger:ratelimit:{action}:{bucket}"
    now = time.time()
    # The window's start is stored with the count: cache.incr() on the database cache would
    # reset the expiry to the default timeout. Two requests at the same instant may both pass;
    # a limit against flooding tolerates that.
    started, used = cache.get(key) or (now, 0)
    if now - started >= per_seconds:
        started, used = now, 0
    used += 1
    remaining = max(1, int(started + per_seconds - now))
    cache.set(key, (started, used), timeout=remaining)
    return None if used <= limit else remaining
