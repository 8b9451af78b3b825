from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from brobygger.core.navigation import sections_for


def brobygger(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    nav = sections_for(request) if user is not None and user.is_authenticated else []
    return {"demo_mode": settings.DEMO_MODE, "nav_sections": nav}
