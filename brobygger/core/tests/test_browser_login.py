"""Smoke journey in Chromium: the login page works under the strict CSP."""

import pytest

from brobygger.core.testing import PASSWORD, make_org, make_user

pytestmark = pytest.mark.browser


def test_a_coordinator_logs_in_and_reaches_the_home_page(browser_page):
    make_user("koordinator", role="coordinator", org=make_org(), first_name="Kora")
    page = browser_page
    page.goto("/")
    assert "/konto/login/" in page.url
    page.get_by_label("Brukernavn").fill("koordinator")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hei, Kora")
    # Designsystemet's stylesheet loaded (served under the CSP) and styles the button.
    button = page.get_by_role("button", name="Logg ut")
    assert button.evaluate("el => getComputedStyle(el).cursor") == "pointer"
    assert page.csp_violations == []
