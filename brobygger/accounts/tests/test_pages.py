"""The login, MFA and password pages: Norwegian, labelled, and nothing inline (strict CSP)."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from brobygger.accounts.testing import add_totp
from brobygger.accounts.tests.conftest import MFA_SETUP, MFA_STEP, log_in, reauthenticate

pytestmark = pytest.mark.real_login


def assert_csp_clean(html: str) -> None:
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert " style=" not in html
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


def heading(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "no <h1>"
    return match.group(1).strip()


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/konto/login/", "Logg inn i Brobygger"),
        ("/konto/password/reset/", "Glemt passord"),
        ("/konto/password/reset/done/", "Sjekk e-posten din"),
        ("/konto/password/reset/key/1-feil/", "Velg nytt passord"),
    ],
)
def test_anonymous_pages(client, db, path, title):
    response = client.get(path, follow=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert heading(html) == title
    assert_csp_clean(html)


def test_the_mfa_step_at_login(client, personas):
    add_totp(personas.coordinator)
    log_in(client, "koordinator")

    html = client.get(MFA_STEP).content.decode()

    assert heading(html) == "Totrinnsinnlogging"
    assert '<label class="ds-label" for="id_code">Kode' in html
    assert 'autocomplete="one-time-code"' in html
    assert 'class="ds-input"' in html
    assert "Avbryt innloggingen" in html
    assert_csp_clean(html)


def test_the_setup_page(client, personas):
    log_in(client, "koordinator")

    html = client.get(MFA_SETUP).content.decode()

    assert heading(html) == "Sett opp totrinnsinnlogging"
    assert '<img class="mfa-qr" src="data:image/svg+xml;base64,' in html
    assert 'alt="QR-kode for autentiseringsappen"' in html
    assert_csp_clean(html)


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/konto/2fa/", "Totrinnsinnlogging"),
        ("/konto/2fa/recovery-codes/", "Gjenopprettingskoder"),
        ("/konto/2fa/recovery-codes/generate/", "Lag nye gjenopprettingskoder"),
        ("/konto/2fa/totp/deactivate/", "Fjern autentiseringsappen"),
        ("/konto/2fa/reauthenticate/", "Bekreft med totrinnsinnlogging"),
        ("/konto/reauthenticate/", "Bekreft at det er deg"),
        ("/konto/password/change/", "Bytt passord"),
        ("/konto/logout/", "Logg ut"),
    ],
)
def test_pages_for_a_user_with_mfa(client, personas, path, title):
    from brobygger.accounts.testing import totp_code

    secret = add_totp(personas.coordinator)
    codes = RecoveryCodes.activate(personas.coordinator).get_unused_codes()
    log_in(client, "koordinator")
    client.post(MFA_STEP, {"code": totp_code(secret)})
    reauthenticate(client)  # the MFA changes ask for it (ADR 0007)

    response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert heading(html) == title
    assert_csp_clean(html)
    if path == "/konto/2fa/recovery-codes/":
        assert all(f"<code>{code}</code>" in html for code in codes)
