"""JSON log lines for production, one object per line, each carrying the request id.

Stdlib only (gunicorn's master loads it from deploy/gunicorn.conf.py before Django is set up).
Every text that leaves through it (the message, the traceback, an access line's path) goes
through `logfilters.redact` first, as the plain formatter's lines do: a national id number,
an e-mail address or the secret of a link is blanked before the line leaves the process.
Nothing from the request but its id, method, path (without the query string), status, size and
duration is written: no client address, user agent, cookie or body.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from brobygger.core.logfilters import redact
from brobygger.core.requestid import current_request_id


class RequestIdFilter(logging.Filter):
    """Puts `record.request_id` on every record: the id of the request being handled, or, for
    Django's request log (written after the middleware has returned), the id of the request
    the record names. "-" outside a request (the worker, management commands)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            request_id = current_request_id.get()
            if not request_id:
                request_id = getattr(getattr(record, "request", None), "request_id", "")
            record.request_id = request_id or "-"
        return True


def _access_fields(record: logging.LogRecord) -> dict[str, Any] | None:
    """gunicorn's access record: its atoms dict (gunicorn.glogging.Logger.access)."""
    atoms = record.args
    if record.name != "gunicorn.access" or not isinstance(atoms, dict):
        return None
    status = str(atoms.get("s", ""))
    size = str(atoms.get("B", ""))
    return {
        "message": "request",
        "method": str(atoms.get("m", "")),
        "path": redact(str(atoms.get("U", ""))),
        "status": int(status) if status.isdigit() else status,
        "bytes": int(size) if size.isdigit() else 0,
        "duration_ms": int(atoms.get("M", 0) or 0),
        "request_id": str(atoms.get("{x-request-id}o", "") or "-"),
    }


class JsonFormatter(logging.Formatter):
    """{"time", "level", "logger", "message", "request_id"[, "exception"]} on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
        }
        access = _access_fields(record)
        if access is not None:
            entry.update(access)
        else:
            entry["message"] = redact(record.getMessage())
            entry["request_id"] = (
                getattr(record, "request_id", "") or current_request_id.get() or "-"
            )
            if record.exc_info:
                entry["exception"] = redact(self.formatException(record.exc_info))
            elif record.exc_text:
                entry["exception"] = redact(record.exc_text)
            if record.stack_info:
                entry["stack"] = redact(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False)
