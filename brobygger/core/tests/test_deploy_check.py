"""Production settings pass Django's deployment checks with no warning, and send the hardened
headers and `__Host-` cookies. Run in a subprocess: settings are read once, at start-up."""

import base64
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
response = Client().get("/healthz", secure=True)
print(json.dumps({
    "headers": dict(response.headers),
    "settings": {name: getattr(settings, name) for name in (
        "DEBUG", "SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY",
        "SECURE_SSL_REDIRECT", "SESSION_COOKIE_PATH", "CSRF_COOKIE_PATH",
        "SESSION_COOKIE_DOMAIN", "CSRF_COOKIE_DOMAIN",
    )},
}))
"""


# Set by the test run itself (browser tests allow sync ORM calls in Playwright's loop).
SET_BY_TESTS = ("DJANGO_DEBUG", "BROBYGGER_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE")


def production_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in SET_BY_TESTS}
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_SECURE="1",
        DJANGO_SETTINGS_MODULE="brobygger.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        BROBYGGER_DEMO="",
        # Production refuses to start without e-mail configured (or explicitly off).
        DJANGO_EMAIL_BACKEND="smtp",
        DJANGO_EMAIL_HOST="smtp.example.org",
        # ... and without the key that encrypts MFA secrets (a Fernet key; accounts.mfa_adapter).
        BROBYGGER_MFA_KEY=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    )
    return env


def test_check_deploy_reports_no_warning_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_production_sends_hardened_headers_and_host_prefixed_secure_cookies(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    headers, conf = probe["headers"], probe["settings"]

    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cache-Control"] == "no-store"

    assert conf["DEBUG"] is False
    assert conf["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert conf["CSRF_COOKIE_NAME"].startswith("__Host-")
    assert conf["SESSION_COOKIE_SECURE"] and conf["CSRF_COOKIE_SECURE"]
    assert conf["SESSION_COOKIE_HTTPONLY"] and conf["CSRF_COOKIE_HTTPONLY"]
    assert conf["SECURE_SSL_REDIRECT"] is True
    # Browsers accept a __Host- cookie only with Path=/ and no Domain.
    assert conf["SESSION_COOKIE_PATH"] == conf["CSRF_COOKIE_PATH"] == "/"
    assert conf["SESSION_COOKIE_DOMAIN"] is None and conf["CSRF_COOKIE_DOMAIN"] is None
