"""The one page of our own beside allauth's: keeping a session alive (session-timeout.js)."""

from __future__ import annotations

import time

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from brobygger.accounts import sessions
from brobygger.accounts.models import Role
from brobygger.core.access import roles


@roles(*Role)
@require_POST
def session_keepalive(request: HttpRequest) -> HttpResponse:
    """ "Fortsett innlogget": the idle time starts again now (the absolute limit stays).
    CSRF-protected like every POST; 204, nothing to show."""
    request.session[sessions.SEEN_AT] = time.time()
    return HttpResponse(status=204)
