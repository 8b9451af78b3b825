from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from brobygger.core.requestid import current_request_id

# An id from the proxy in front (HAProxy's unique-id, nginx's $request_id, a UUID): kept when
# it looks like one, so the proxy's log and ours name a request alike; anything else is replaced.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{8,64}")


class RequestIdMiddleware:
    """Gives each request an id (kept from a trusted proxy's X-Request-ID when it is sane)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class NoStoreMiddleware:
    """Nothing a view answers may be kept by a browser or proxy cache.

    Pages, file downloads, exports, htmx partials, 403/404/500 pages and CSRF failures can all
    carry personal data (or follow a page that did), and the login page is cheap to render
    again, so every response from the view layer gets `no-store`, whoever asked and whatever
    the view set. Static files never get here (WhiteNoise answers them earlier, with long
    cache lifetimes); nor does a 400 for a forged Host header, a fixed page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Cache-Control"] = "no-store"
        # An old HTTP/1.0 proxy knows only this one.
        response["Pragma"] = "no-cache"
        response.headers.pop("Expires", None)
        response.headers.pop("Last-Modified", None)
        # The REST API's ETag is a record's version for If-Match (ADR 0019), not a cache
        # validator: it stays, and no-store still forbids keeping the response.
        if not getattr(response, "version_etag", False):
            response.headers.pop("ETag", None)
        return response
