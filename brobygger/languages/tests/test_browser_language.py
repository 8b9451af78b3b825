"""The language a person picks on the login page follows them through a journey, and the one
they pick in the header follows them to their next sign-in (issue 14)."""

import pytest
from playwright.sync_api import expect

from brobygger.accounts.models import User
from brobygger.core.tests.journey_helpers import screenshot
from brobygger.testing import PASSWORD, make_org, make_participant, make_user

pytestmark = pytest.mark.browser


def _sign_in(page, *, username_label: str, button: str) -> None:
    page.get_by_label(username_label).fill("deltaker")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name=button, exact=True).click()


def test_a_participant_picks_nynorsk_at_login_and_english_later(browser_page, live_server):
    org = make_org("Bergen kommune, MB-utdanning", kommune="4601")
    user = make_user("deltaker", role="participant", org=org, first_name="Dina")
    make_participant("Dina", "Deltaker", user=user)

    page = browser_page
    page.goto("/konto/login/")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    page.locator(".language-switcher").get_by_role("button", name="Nynorsk").click()
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    expect(page.get_by_label("Brukarnamn")).to_be_visible()
    _sign_in(page, username_label="Brukarnamn", button="Logg inn")
    page.wait_for_url("**/")
    page.goto("/meg/")
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    expect(page.get_by_role("button", name="Logg ut")).to_be_visible()

    # In the header, signed in: English, kept on the login.
    page.locator(".language-switcher").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert page.url.endswith("/meg/")  # back on the page it was on
    screenshot(page, "language-en-meg.png")
    assert User.objects.get(pk=user.pk).language == "en"

    # A new browser (no cookie, asking for bokmål) gets English once she has signed in.
    context = page.context.browser.new_context(base_url=live_server.url, locale="nb-NO")
    fresh = context.new_page()
    fresh.goto("/konto/login/")
    expect(fresh.locator("html")).to_have_attribute("lang", "nb")
    _sign_in(fresh, username_label="Brukernavn", button="Logg inn")
    fresh.wait_for_url("**/")
    expect(fresh.locator("html")).to_have_attribute("lang", "en")
    expect(fresh.get_by_role("button", name="Sign out")).to_be_visible()
    context.close()
    assert page.csp_violations == []  # type: ignore[attr-defined]
