"""Issue 14, findings 2 and 5, in Chromium under the strict CSP: the idle-timeout warning and
"Fortsett innlogget" by one key press; short keyboard paths to each role's likely next step;
focus on the answer after "Finn din kontakt"; the accessibility statement in the footer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session as StoredSession
from django.utils import timezone
from playwright.sync_api import expect

from brobygger.accounts import sessions
from brobygger.core.tests.journey_helpers import log_in
from brobygger.placements.tests.factories import make_placement
from brobygger.testing import make_cohort, make_session

pytestmark = pytest.mark.browser

MAX_TABS = 8
# What comes before main on every page: the skip link and the header (brand, menu, user, logout).
BEFORE_MAIN = (
    "[...document.querySelectorAll('body > .ds-skip-link, header a[href], header button,"
    " header select, header input:not([type=hidden])')].length"
)


def tabs_to(page, locator, *, limit: int = 60) -> int:
    """Tab presses from the top of the freshly loaded page until `locator` has the focus."""
    page.goto(page.url.split("#")[0])
    handle = locator.element_handle()
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("el => document.activeElement === el", handle):
            return count
    raise AssertionError(f"not reached in {limit} tabs")


def via_skip_link(page, locator) -> int:
    """Tab to "Hopp til hovedinnhold", Enter, then tabs to `locator`; the tab presses used."""
    page.goto(page.url.split("#")[0])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnhold")
    assert skip.evaluate("el => document.activeElement === el")
    page.keyboard.press("Enter")
    handle = locator.element_handle()
    for count in range(2, 40):
        page.keyboard.press("Tab")
        if page.evaluate("el => document.activeElement === el", handle):
            return count
    raise AssertionError("not reached")


def test_the_timeout_warning_lets_the_user_stay_signed_in_with_enter(
    browser_page, personas, settings
):
    settings.SESSION_IDLE_TIMEOUT = 24  # the warning comes at half of it when that is shorter
    page = browser_page
    log_in(page, "koordinator")
    page.goto("/kull/")
    dialog = page.get_by_role("dialog", name="Du blir snart logget ut")
    expect(dialog).to_be_hidden()

    expect(dialog).to_be_visible(timeout=20_000)
    button = dialog.get_by_role("button", name="Fortsett innlogget")
    expect(button).to_be_focused()
    expect(dialog).to_have_accessible_description(
        "Du har ikke gjort noe på en stund. Om to minutter blir du logget ut av sikkerhetshensyn."
    )
    with page.expect_response("**/okt/fortsett/") as answer:
        page.keyboard.press("Enter")

    assert answer.value.status == 204
    expect(dialog).to_be_hidden()
    seen = [
        float(s.get_decoded().get(sessions.SEEN_AT, 0))
        for s in StoredSession.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(personas.coordinator.pk)
    ]
    assert seen and max(seen) > timezone.now().timestamp() - 5  # touched just now
    page.reload()
    expect(page.get_by_role("button", name="Logg ut")).to_be_visible()
    assert page.csp_violations == []


def test_the_teacher_reaches_the_session_just_held_in_a_few_tabs(browser_page, personas):
    cohort = make_cohort(personas.version, teachers=[personas.teacher])
    today = timezone.localdate()
    for n in range(12):  # plenty of other sessions and cohorts around it
        make_session(cohort, date=today + dt.timedelta(days=n + 1), teacher=personas.teacher)
        make_session(cohort, date=today - dt.timedelta(days=n + 1), teacher=personas.teacher)
    held = make_session(cohort, date=today, start=dt.time(0, 0), end=dt.time(0, 1))
    page = browser_page
    log_in(page, "underviser")
    for url in ("/", "/mine-okter/"):
        page.goto(url)
        target = page.locator("main a").first
        expect(target).to_have_attribute("href", f"/okter/{held.pk}/oppmote/")
        assert via_skip_link(page, target) == 2 <= MAX_TABS
        # Without the skip link: straight after the header, the first stop in main.
        assert tabs_to(page, target) == page.evaluate(BEFORE_MAIN) + 1, url
    assert page.csp_violations == []


def test_the_participant_reaches_this_weeks_timesheet_in_a_few_tabs(browser_page, personas):
    placement = make_placement(personas)
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    page = browser_page
    log_in(page, personas.participant_user.username)
    page.goto("/meg/")
    target = page.locator("main a").first
    expect(target).to_have_attribute("href", f"/praksis/{placement.pk}/uke/{monday:%Y-%m-%d}/")
    expect(target).to_contain_text("Timelisten for denne uka")

    assert via_skip_link(page, target) == 2 <= MAX_TABS
    assert tabs_to(page, target) == page.evaluate(BEFORE_MAIN) + 1
    assert page.csp_violations == []


def test_after_finding_a_contact_the_focus_is_on_the_answer(browser_page, personas):
    page = browser_page
    page.goto("/finn-din-kontakt/")
    page.get_by_label("Kommune").select_option(label="Alver")
    page.get_by_role("button", name="Finn kontakt").press("Enter")

    heading = page.get_by_role("heading", name="Kontakt for Alver (Vestland)")
    expect(heading).to_be_focused()
    assert page.csp_violations == []


def test_every_page_links_the_accessibility_statement(browser_page, personas):
    page = browser_page
    page.goto("/finn-din-kontakt/")
    page.get_by_role("contentinfo").get_by_role("link", name="Tilgjengelighetserklæring").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tilgjengelighetserklæring for Brobygger"
    )
    expect(page.get_by_role("link", name="uustatus.no")).to_have_attribute(
        "href", "https://uustatus.no/"
    )
    log_in(page, "koordinator")
    expect(
        page.get_by_role("contentinfo").get_by_role("link", name="Tilgjengelighetserklæring")
    ).to_be_visible()
    assert page.csp_violations == []
