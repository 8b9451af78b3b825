"""Smoke journeys in Chromium: login with MFA set-up and the MFA step, under the strict CSP."""

import re

import pytest
from playwright.sync_api import expect

from brobygger.accounts.testing import totp_code
from brobygger.testing import PASSWORD, make_org, make_user

pytestmark = pytest.mark.browser


def test_a_coordinator_logs_in_and_reaches_the_home_page(browser_page):
    from brobygger.core.tests.journey_helpers import log_in

    make_user("koordinator", role="coordinator", org=make_org(), first_name="Kora")
    page = browser_page
    page.goto("/")
    assert "/konto/login/" in page.url
    log_in(page, "koordinator")  # password, then the code from the authenticator app
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hei, Kora")
    # Designsystemet's stylesheet loaded (served under the CSP) and styles the button.
    button = page.get_by_role("button", name="Logg ut")
    assert button.evaluate("el => getComputedStyle(el).cursor") == "pointer"
    assert page.csp_violations == []


def test_a_new_coordinator_sets_up_the_authenticator_app_at_first_login(browser_page):
    make_user("koordinator", role="coordinator", org=make_org(), first_name="Kora")
    page = browser_page
    page.goto("/konto/login/")
    page.get_by_label("Brukernavn").fill("koordinator")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()

    page.wait_for_url("**/konto/2fa/totp/activate/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sett opp totrinnsinnlogging")
    qr = page.get_by_role("img", name="QR-kode for autentiseringsappen")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0  # the data: URI loaded under the CSP
    secret = page.locator("#authenticator_secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    page.goto("/kull/")  # nothing else is reachable before the app is set up
    page.wait_for_url("**/konto/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").inner_text().strip()

    page.get_by_label("Kode").fill(totp_code(secret))
    page.get_by_role("button", name="Slå på totrinnsinnlogging").click()

    page.wait_for_url("**/konto/2fa/recovery-codes/")
    expect(page.locator(".mfa-codes li")).to_have_count(10)
    page.get_by_role("link", name="Jeg har tatt vare på kodene").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Hei, Kora"))
    assert page.csp_violations == []
