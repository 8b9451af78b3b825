from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from brobygger.accounts import drafts, sessions
from brobygger.core.navigation import sections_for


def brobygger(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    nav = sections_for(request) if signed_in else []
    context: dict[str, Any] = {"demo_mode": settings.DEMO_MODE, "nav_sections": nav}
    if signed_in and hasattr(request, "session"):
        context["session_timeout"] = _session_timeout(request)
        context["restored_form"] = drafts.restore(request)
    return context


def _session_timeout(request: HttpRequest) -> dict[str, int]:
    """For session-timeout.js (base.html's data attributes): the idle limit from the settings
    and the seconds this session has left before it ends."""
    idle = int(settings.SESSION_IDLE_TIMEOUT)
    now = time.time()
    seen_at = request.session.get(sessions.SEEN_AT, now)
    login_at = request.session.get(sessions.LOGIN_AT, now)
    left = min(idle - (now - seen_at), settings.SESSION_ABSOLUTE_TIMEOUT - (now - login_at))
    return {"idle": idle, "left": max(0, int(left)), "resolution": sessions.SEEN_RESOLUTION}
