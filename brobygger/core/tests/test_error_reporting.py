"""Error reporting (Sentry SDK) is off unless SENTRY_DSN is set, and a report never carries the
request's body, cookies, headers, user or local variables (core.errorreporting)."""

import json
import subprocess
import sys

from brobygger.core.errorreporting import scrub_breadcrumb, scrub_event
from brobygger.core.tests.test_deploy_check import ROOT, production_env

PROBE = """
import json, django
django.setup()
import sentry_sdk
from django.conf import settings
client = sentry_sdk.get_client()
print(json.dumps({
    "active": client.is_active(),
    "options": {k: client.options.get(k) for k in (
        "send_default_pii", "include_local_variables", "max_request_body_size",
    )} if client.is_active() else {},
    "scrubs": client.is_active() and client.options["before_send"].__name__,
    "log_format": settings.LOG_FORMAT,
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "conn_health_checks": settings.DATABASES["default"]["CONN_HEALTH_CHECKS"],
}))
"""


def probe(env) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_without_sentry_dsn_reports_nothing_and_logs_json(tmp_path):
    env = production_env(tmp_path)
    env.pop("SENTRY_DSN", None)
    state = probe(env)
    assert state["active"] is False
    assert state["log_format"] == "json"
    assert state["conn_max_age"] == 60 and state["conn_health_checks"] is True


def test_with_sentry_dsn_it_reports_without_personal_data(tmp_path):
    # A DSN on a closed loopback port: initialising sends nothing.
    env = production_env(tmp_path) | {"SENTRY_DSN": "http://public@127.0.0.1:9/1"}
    state = probe(env)
    assert state["active"] is True
    assert state["options"] == {
        "send_default_pii": False,
        "include_local_variables": False,
        "max_request_body_size": "never",
    }
    assert state["scrubs"] == "scrub_event"


def test_an_event_keeps_method_and_path_and_loses_body_cookies_headers_user_and_locals():
    event = {
        "request": {
            "method": "POST",
            "url": "https://b.example.no/deltakere/01017012345/?q=Dina",
            "data": {"first_name": "Dina"},
            "cookies": {"__Host-sessionid": "s"},
            "headers": {"Cookie": "s", "X-Forwarded-For": "10.0.0.1"},
            "query_string": "q=Dina",
            "env": {"REMOTE_ADDR": "10.0.0.1"},
        },
        "user": {"id": 4, "username": "kari"},
        "extra": {"participant": "Dina Deltakersen"},
        "logentry": {
            "message": "mail to %s",
            "params": ["kari@example.org"],
            "formatted": "mail to kari@example.org",
        },
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "value": "fnr 01017012345",
                    "stacktrace": {"frames": [{"function": "f", "vars": {"fnr": "01017012345"}}]},
                }
            ]
        },
        "breadcrumbs": {
            "values": [
                {"category": "query", "message": "SELECT 1", "data": {"params": ["01017012345"]}}
            ]
        },
    }
    scrubbed = scrub_event(event)
    assert scrubbed["request"] == {
        "method": "POST",
        "url": "https://b.example.no/deltakere/[fjernet]/",
    }
    assert "user" not in scrubbed and "extra" not in scrubbed
    assert scrubbed["logentry"] == {"message": "mail to [e-post fjernet]"}
    text = json.dumps(scrubbed)
    for secret in ("01017012345", "Dina", "kari", "10.0.0.1", "sessionid"):
        assert secret not in text, secret
    assert scrubbed["exception"]["values"][0]["type"] == "ValueError"


def test_a_breadcrumb_keeps_its_category_and_a_redacted_message_only():
    crumb = scrub_breadcrumb(
        {
            "category": "django.request",
            "message": "Not Found: /x/01017012345/",
            "data": {"user": "kari"},
        }
    )
    assert crumb == {"category": "django.request", "message": "Not Found: /x/[fjernet]/"}
