"""E-mail in production: configured or explicitly off, never the console backend; and no mail's
address, content or link in any log line (settings.py, core/mail.py, core/logfilters.py).

Settings are read once, at start-up: those tests run a fresh process, as test_deploy_check does.
"""

from __future__ import annotations

import logging
import smtplib
import subprocess
import sys

import pytest
from django.core import mail

from brobygger.accounts.models import Role
from brobygger.core.logfilters import RedactingFormatter
from brobygger.core.mail import OFF
from brobygger.core.tests.test_deploy_check import ROOT, production_env

SEND_ONE = """
import django
django.setup()
from django.conf import settings
from django.core.mail import send_mail
print(settings.EMAIL_BACKEND)
send_mail("Nytt passord", "Lenke: https://brobygger.example/konto/password/reset/key/3-k3y/",
          None, ["kari.nordmann@example.org"])
"""


def run(tmp_path, **env_changes):
    env = production_env(tmp_path)
    for name in ("DJANGO_EMAIL_BACKEND", "DJANGO_EMAIL_HOST"):
        env.pop(name, None)
    env.update(env_changes)
    return subprocess.run(
        [sys.executable, "-c", SEND_ONE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({}, "Set DJANGO_EMAIL_BACKEND: smtp (with DJANGO_EMAIL_HOST)"),
        ({"DJANGO_EMAIL_BACKEND": "console"}, "delivers no mail and would put reset links"),
        (
            {"DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"},
            "delivers no mail and would put reset links",
        ),
        ({"DJANGO_EMAIL_BACKEND": "smtp"}, "Set DJANGO_EMAIL_HOST"),
        ({"DJANGO_EMAIL_BACKEND": "smpt"}, "DJANGO_EMAIL_BACKEND=smpt is unknown"),
    ],
)
def test_production_refuses_to_start_without_a_real_email_configuration(tmp_path, env, says):
    result = run(tmp_path, **env)
    assert result.returncode != 0
    assert "RuntimeError" in result.stderr and says in result.stderr
    assert "kari.nordmann" not in result.stdout + result.stderr


def test_production_starts_with_smtp_configured(tmp_path):
    result = run(tmp_path, DJANGO_EMAIL_BACKEND="smtp", DJANGO_EMAIL_HOST="127.0.0.1")
    # It starts; sending then fails (no server on port 25), which is not what is tested here.
    assert result.stdout.splitlines()[0] == "django.core.mail.backends.smtp.EmailBackend"


def test_email_off_drops_the_mail_and_logs_only_that_it_did(tmp_path):
    result = run(tmp_path, DJANGO_EMAIL_BACKEND="off")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == OFF
    assert "e-mail is off: 1 message not sent" in result.stderr
    output = result.stdout + result.stderr
    for secret in ("kari.nordmann", "example.org", "reset/key", "k3y", "Nytt passord", "Lenke"):
        assert secret not in output


def test_demo_keeps_the_console_backend(tmp_path):
    result = run(tmp_path, BROBYGGER_DEMO="1", DJANGO_SECURE="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "django.core.mail.backends.console.EmailBackend"


# --- in process: what the log sees of real mails -------------------------------------------


def logged(caplog) -> str:
    formatter = logging.Formatter()
    return "\n".join(
        record.getMessage()
        + (formatter.formatException(record.exc_info) if record.exc_info else "")
        for record in caplog.records
    )


@pytest.fixture
def email_off(settings):
    settings.EMAIL_BACKEND = OFF


def invite(client, personas):
    client.force_login(personas.coordinator)
    return client.post(
        f"/organisasjoner/{personas.bergen.pk}/inviter/",
        {
            "first_name": "Ulrikke",
            "last_name": "Underviser",
            "email": "ulrikke@example.org",
            "roles": [Role.TEACHER],
        },
    )


def test_with_email_off_a_password_reset_logs_no_address_or_link(
    email_off, client, personas, caplog
):
    personas.coordinator.email = "kora@example.org"
    personas.coordinator.save(update_fields=["email"])
    caplog.set_level(logging.DEBUG)
    response = client.post("/konto/password/reset/", {"email": "kora@example.org"})
    assert response.status_code == 302
    text = logged(caplog)
    assert "e-mail is off: 1 message not sent" in text
    assert "kora@example.org" not in text and "/reset/key/" not in text


def test_with_email_off_an_invitation_logs_no_address_or_link_and_the_page_says_so(
    email_off, client, personas, caplog
):
    caplog.set_level(logging.DEBUG)
    response = invite(client, personas)
    assert response.status_code == 200
    page = response.content.decode()
    assert "E-post er slått av i denne Brobygger-installasjonen" in page
    assert "Invitasjonen er sendt til" not in page
    text = logged(caplog)
    assert "e-mail is off: 1 message not sent" in text
    assert "ulrikke@example.org" not in text and "/invitasjon/" not in text


def test_an_invitation_the_mail_server_refuses_is_logged_without_the_address(
    client, personas, caplog, monkeypatch
):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"ulrikke@example.org": (550, b"ukjent mottaker")})

    monkeypatch.setattr("brobygger.invitations.mail.send_mail", refuse)
    caplog.set_level(logging.DEBUG)
    assert "E-posten kunne ikke sendes nå" in invite(client, personas).content.decode()
    text = logged(caplog)
    assert "could not be sent (SMTPRecipientsRefused)" in text
    assert "ulrikke@example.org" not in text
    assert mail.outbox == []


def test_the_log_formatter_blanks_addresses_and_link_keys_as_a_second_line():
    try:
        raise smtplib.SMTPRecipientsRefused({"ola@example.no": (550, b"nei")})
    except smtplib.SMTPRecipientsRefused:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "opened %s and %s", None, sys.exc_info()
        )
    record.args = ("/konto/password/reset/key/3-abc123/", "/invitasjon/ABCDEFGH23456789/")
    line = RedactingFormatter("%(message)s").format(record)
    assert "ola@example.no" not in line and "[e-post fjernet]" in line
    assert "abc123" not in line and "/konto/password/reset/key/[fjernet]" in line
    assert "ABCDEFGH23456789" not in line and "/invitasjon/[fjernet]" in line


def test_the_log_formatter_blanks_a_national_id_but_leaves_a_record_id_whole():
    uuid = "8e44aef2-de35-4ad1-a659-21121914630a"
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "GET /r/%s/ fnr %s", (uuid, "01017012345"), None
    )
    line = RedactingFormatter("%(message)s").format(record)
    assert line == f"GET /r/{uuid}/ fnr [fjernet]"
