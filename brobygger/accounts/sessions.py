"""Session lifetime: the timestamps kept in the session and how a session is ended (ADR 0007)."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import F
from django.http import HttpRequest

from brobygger.accounts.models import User

LOGIN_AT = "brobygger_login_at"
SEEN_AT = "brobygger_seen_at"
# "Last seen" is written at most this often, so an ordinary request does not rewrite the session
# (a session write is a database query on every page). An idle session may therefore end up to
# this many seconds before the idle limit.
SEEN_RESOLUTION = 60


def start(request: HttpRequest) -> None:
    now = time.time()
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now


def end_this_one(request: HttpRequest) -> None:
    """Ends only this session, e.g. on a timeout: the user's other devices are not touched."""
    request.session.flush()
    request.user = AnonymousUser()


def end_all_of(user: Any) -> None:
    """Every session of `user` fails its auth-hash check on its next request (session_epoch)."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.session_epoch = (user.session_epoch or 0) + 1
