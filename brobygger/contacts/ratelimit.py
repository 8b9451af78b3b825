"""Contact-form limit: a few messages per client address per hour (core.ratelimit)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from brobygger.core.ratelimit import allow

DEFAULT_LIMIT = 5  # messages
DEFAULT_WINDOW = 60 * 60  # seconds


def consume_message_allowance(request: HttpRequest) -> bool:
    """Count one message from this client; False once the limit for the window is used up."""
    return allow(
        request,
        action="contact_message",
        limit=int(getattr(settings, "CONTACT_MESSAGE_LIMIT", DEFAULT_LIMIT)),
        per_seconds=int(getattr(settings, "CONTACT_MESSAGE_WINDOW_SECONDS", DEFAULT_WINDOW)),
    )
