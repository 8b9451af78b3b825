"""What a form posted when the session had already ended, kept until the same person has logged
in again and is back on the form (WCAG 2.2.1, issue 14).

The posted fields (never files, passwords, one-time codes or the CSRF token) are stored
server-side in the cache (the database cache in production) under a random key, for
DRAFT_TTL seconds. Only that key, the user's id and the form page's path go into the new,
anonymous session; nothing of what was typed goes into a URL, a cookie or a log line. The
draft is handed back once: on the first GET of the form page by the same user after login,
and then deleted. Another person logging in on the same browser never gets it.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

SESSION_DRAFT = "brobygger_draft"
CACHE_PREFIX = "brobygger-draft:"
DRAFT_TTL = 20 * 60
# Beyond this a post is not a form someone typed (and the cache is no dumping ground).
MAX_FIELDS = 300
MAX_CHARS = 200_000
# Never kept: fields whose name contains one of these, or is one of SECRET_FIELDS.
SECRET_PARTS = ("csrf", "password", "passord", "secret", "token")
SECRET_FIELDS = frozenset({"code", "kode", "otp"})


def _keepable(name: str) -> bool:
    lowered = name.lower()
    return lowered not in SECRET_FIELDS and not any(part in lowered for part in SECRET_PARTS)


def posted_fields(request: HttpRequest) -> list[tuple[str, str]]:
    """The (name, value) pairs of the post worth keeping, in order; files are in request.FILES
    and never reach here."""
    pairs = [
        (name, value)
        for name, values in request.POST.lists()
        if _keepable(name)
        for value in values
    ]
    if len(pairs) > MAX_FIELDS or sum(len(n) + len(v) for n, v in pairs) > MAX_CHARS:
        return []
    return pairs


def return_path(request: HttpRequest) -> str:
    """The page the form was on: htmx's current URL or the Referer when they are ours (forms
    may post elsewhere), else the posted URL itself. Path and query only."""
    for candidate in (request.headers.get("HX-Current-URL"), request.headers.get("Referer")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            parts = urlsplit(candidate)
            if parts.path.startswith("/"):
                return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.get_full_path()


def keep(request: HttpRequest, *, user_id: Any, page: str) -> bool:
    """Stores what the post carried for `user_id`, to be given back on `page`. False when there
    was nothing worth keeping."""
    pairs = posted_fields(request)
    if not pairs:
        return False
    key = secrets.token_urlsafe(32)
    cache.set(
        CACHE_PREFIX + key,
        {"user_id": str(user_id), "action": request.path, "fields": pairs},
        DRAFT_TTL,
    )
    request.session[SESSION_DRAFT] = {
        "key": key,
        "page": urlsplit(page).path,
        "user_id": str(user_id),
    }
    return True


def take(request: HttpRequest) -> dict[str, Any] | None:
    """The draft, removed from the store, when this is a full-page GET of its page by the user
    it belongs to (past the MFA step: only a rendered page asks, see
    core.context_processors); otherwise None. Someone else's or an expired draft is dropped."""
    pointer = request.session.get(SESSION_DRAFT)
    if not pointer or not request.user.is_authenticated:
        return None
    key = CACHE_PREFIX + str(pointer.get("key"))
    if pointer.get("user_id") != str(request.user.pk):
        _drop(request, key)
        return None
    if request.method != "GET" or request.headers.get("HX-Request"):
        return None
    if request.path != pointer.get("page"):
        return None
    draft = cache.get(key)
    _drop(request, key)
    if not draft or draft.get("user_id") != str(request.user.pk):
        return None
    return {"action": draft["action"], "fields": draft["fields"]}


def _drop(request: HttpRequest, key: str) -> None:
    request.session.pop(SESSION_DRAFT, None)
    cache.delete(key)


def restore(request: HttpRequest) -> dict[str, Any] | None:
    """For the page being rendered: the draft to fill its form with, and the message saying so."""
    if SESSION_DRAFT not in request.session:
        return None
    draft = take(request)
    if draft is not None:
        messages.info(
            request,
            _("Du ble logget ut. Det du skrev er tatt vare på – se over og lagre på nytt."),
        )
    return draft


def goes_to_login(response: HttpResponse) -> bool:
    location = response.get("Location", "") if response.status_code == 302 else ""
    return location.startswith(resolve_url(settings.LOGIN_URL))
