"""Optional error reporting to Sentry (or a service speaking its protocol), on only when
SENTRY_DSN is set (settings.py).

The app holds health-related personal data, so a report carries the error and where it
happened, never what the person sent or who they are: no request body, cookies, headers, query
string or user (`send_default_pii=False`, `max_request_body_size="never"`, and `scrub_event`
removes them again whatever an integration added), no local variables of the stack frames, and
every text left (the message, the exception's text, breadcrumbs, the path) is blanked of
national id numbers, e-mail addresses and link secrets as the log lines are (core.logfilters).
"""

from __future__ import annotations

import os
from typing import Any

from brobygger.core.logfilters import redact

# What of the request a report keeps: how it was asked, and the path (redacted).
KEPT_REQUEST_KEYS = ("method",)


def _scrub_request(request: dict[str, Any]) -> dict[str, Any]:
    kept = {key: request[key] for key in KEPT_REQUEST_KEYS if key in request}
    url = request.get("url")
    if isinstance(url, str):
        kept["url"] = redact(url.split("?", 1)[0])
    return kept


def _scrub_exception(exception: dict[str, Any]) -> None:
    for value in exception.get("values") or []:
        if isinstance(value.get("value"), str):
            value["value"] = redact(value["value"])
        for frame in (value.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)


def _scrub_breadcrumbs(breadcrumbs: Any) -> Any:
    values = breadcrumbs.get("values") if isinstance(breadcrumbs, dict) else breadcrumbs
    for crumb in values or []:
        crumb.pop("data", None)
        if isinstance(crumb.get("message"), str):
            crumb["message"] = redact(crumb["message"])
    return breadcrumbs


def scrub_event(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """`before_send`: what may leave the process of an error event."""
    if isinstance(event.get("request"), dict):
        event["request"] = _scrub_request(event["request"])
    for key in ("user", "extra", "modules"):
        event.pop(key, None)
    logentry = event.get("logentry")
    if isinstance(logentry, dict):
        message = logentry.get("formatted") or logentry.get("message") or ""
        event["logentry"] = {"message": redact(str(message))}
    if isinstance(event.get("message"), str):
        event["message"] = redact(event["message"])
    if isinstance(event.get("exception"), dict):
        _scrub_exception(event["exception"])
    if event.get("breadcrumbs"):
        event["breadcrumbs"] = _scrub_breadcrumbs(event["breadcrumbs"])
    if isinstance(event.get("transaction"), str):
        event["transaction"] = redact(event["transaction"])
    return event


def scrub_breadcrumb(crumb: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """`before_breadcrumb`: a breadcrumb keeps its category and a redacted message only (SQL
    breadcrumbs, log lines and HTTP calls may name a person in their data)."""
    crumb.pop("data", None)
    if isinstance(crumb.get("message"), str):
        crumb["message"] = redact(crumb["message"])
    return crumb


def sentry_options(*, dsn: str, environment: str) -> dict[str, Any]:
    return {
        "dsn": dsn,
        "environment": environment,
        "release": os.environ.get("SENTRY_RELEASE") or None,
        "send_default_pii": False,
        "include_local_variables": False,
        "max_request_body_size": "never",
        "before_send": scrub_event,
        "before_breadcrumb": scrub_breadcrumb,
        # Errors only: no performance traces or profiles (they carry SQL and URLs).
        "traces_sample_rate": None,
        "profiles_sample_rate": None,
    }


def sentry_init(*, dsn: str, environment: str) -> None:
    import sentry_sdk

    sentry_sdk.init(**sentry_options(dsn=dsn, environment=environment))
