"""Production log lines are JSON objects carrying the request id, and say no more of a person
than the plain lines do (core.logjson)."""

import json
import logging

import pytest

from brobygger.core.logjson import JsonFormatter, RequestIdFilter
from brobygger.core.requestid import current_request_id


def formatted(record: logging.LogRecord) -> dict:
    RequestIdFilter().filter(record)
    return json.loads(JsonFormatter().format(record))


def record(message: str, *args, name: str = "brobygger.test", **extra) -> logging.LogRecord:
    rec = logging.LogRecord(name, logging.WARNING, __file__, 1, message, args, None)
    rec.__dict__.update(extra)
    return rec


def test_a_line_is_one_json_object_with_the_request_id_of_the_request_in_progress():
    token = current_request_id.set("3f2a1b0c9d8e7f6a")
    try:
        line = formatted(record("saved session %s", 12))
    finally:
        current_request_id.reset(token)
    assert line["message"] == "saved session 12"
    assert line["request_id"] == "3f2a1b0c9d8e7f6a"
    assert line["level"] == "WARNING" and line["logger"] == "brobygger.test"
    assert line["time"].endswith("+00:00")


def test_djangos_request_log_written_after_the_middleware_names_its_request():
    class Request:
        request_id = "abcdef0123456789"

    line = formatted(
        record("Not Found: %s", "/deltakelser/4/", name="django.request", request=Request())
    )
    assert line["request_id"] == "abcdef0123456789"
    assert formatted(record("worker started"))["request_id"] == "-"


def test_national_id_numbers_addresses_and_link_secrets_are_blanked_in_message_and_traceback():
    try:
        raise ValueError("no participant 01017012345")
    except ValueError:
        import sys

        rec = logging.LogRecord(
            "x",
            logging.ERROR,
            __file__,
            1,
            "mail to %s failed: /konto/password/reset/key/%s/",
            ("kari@example.org", "3-abc"),
            sys.exc_info(),
        )
    line = formatted(rec)
    text = json.dumps(line)
    assert "01017012345" not in text and "kari@example.org" not in text and "3-abc" not in text
    assert "[fjernet]" in line["exception"]


def test_gunicorns_access_line_keeps_method_path_status_and_id_and_drops_address_and_query():
    atoms = {
        "h": "10.1.2.3",
        "m": "GET",
        "U": "/invitasjon/hemmelig-kode/",
        "q": "fnr=01017012345",
        "s": "200",
        "B": "512",
        "M": 37,
        "a": "Firefox",
        "{x-request-id}o": "feedc0ffee123456",
    }
    rec = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(h)s", (), None)
    rec.args = atoms
    line = formatted(rec)
    assert line == {
        "time": line["time"],
        "level": "INFO",
        "logger": "gunicorn.access",
        "message": "request",
        "method": "GET",
        "path": "/invitasjon/[fjernet]/",
        "status": 200,
        "bytes": 512,
        "duration_ms": 37,
        "request_id": "feedc0ffee123456",
    }


@pytest.mark.django_db
def test_the_middleware_keeps_a_proxys_id_and_makes_one_otherwise(client):
    kept = client.get("/healthz", headers={"X-Request-ID": "0b5c1d9e-4a7f-4c1e-9d2a-6f3e8b7a1c00"})
    assert kept["X-Request-ID"] == "0b5c1d9e-4a7f-4c1e-9d2a-6f3e8b7a1c00"
    made = client.get("/healthz", headers={"X-Request-ID": "<script>"})
    assert len(made["X-Request-ID"]) == 32 and made["X-Request-ID"].isalnum()
    assert client.get("/healthz")["X-Request-ID"] != made["X-Request-ID"]


def test_production_logs_json_and_development_stays_plain(settings):
    # Tests run with the development default; production's is asserted in test_sentry_off.
    assert settings.LOG_FORMAT == "plain"
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["request_id"]
