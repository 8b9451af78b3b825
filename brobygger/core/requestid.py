"""The id of the request being handled (core.middleware.RequestIdMiddleware sets it), so
services and log records need not pass the request around. Stdlib only: the JSON log formatter
(core.logjson) reads it and is loaded by gunicorn before Django is set up."""

from __future__ import annotations

import contextvars

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar(
    "current_request_id", default=""
)
