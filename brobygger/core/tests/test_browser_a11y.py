"""Accessibility in Chromium (issue 14, findings 1, 3, 4): where focus lands after the attendance
grid is saved through htmx, the shared error summary (focused, linking to the field, "Feil: " in
the title, the app's own message rather than the browser's bubble), and no sideways scrolling
at 320 px on the participant's timesheet list, whose scrolling tables can be reached with Tab."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from brobygger.attendance.models import AttendanceRecord
from brobygger.attendance.models import AttendanceStatus as A
from brobygger.attendance.tests.factories import make_held_session, week
from brobygger.core.tests.journey_helpers import login_page, screenshot
from brobygger.placements.tests.factories import make_placement

pytestmark = pytest.mark.browser

FOCUSED = """() => {
    const el = document.activeElement;
    return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className,
            role: el.getAttribute('role'), text: el.innerText || ''};
}"""


@pytest.fixture
def _today():
    """Real time (the live server and the browser run on it); the session lies in the past."""


def test_focus_lands_on_the_status_or_the_error_summary_after_each_grid_swap(
    browser_page, live_server, personas
):
    session = make_held_session(personas.cohort, on=week(6), hours=3)
    page = login_page(browser_page, live_server.url, personas.coordinator.username)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(_attendance_url(session))

    # "Merk alle til stede": the info message in the new grid gets focus, not <body>.
    page.get_by_role("button", name="Merk alle til stede").click()
    info = page.locator(".attendance-grid .ds-alert[data-color=info]")
    expect(info).to_be_focused()
    assert page.evaluate(FOCUSED)["tag"] != "body"

    # A partial attendance without hours: the summary is focused, is an alert, and links to
    # the hours field; nothing is saved.
    first = page.locator("[data-attendance-row]").first
    first.get_by_label("Delvis til stede").check()
    page.get_by_role("button", name="Lagre oppmøte").click()
    summary = page.locator(".ds-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_contain_text("Skriv inn hvor mange timer deltakeren var til stede.")
    expect(page).to_have_title(_title_starting("Feil: "))
    assert not AttendanceRecord.objects.filter(session=session).exists()
    link = summary.get_by_role("link").first
    target = link.get_attribute("href")
    assert target and target.startswith("#")
    screenshot(page, "a11y-attendance-error-1280.png")
    link.click()
    expect(page.locator(target)).to_be_focused()

    # Corrected and saved: focus moves to the success message; the title loses "Feil: ".
    first.get_by_label("Til stede", exact=True).check()
    page.get_by_role("button", name="Lagre oppmøte").click()
    saved = page.locator(".attendance-grid .ds-alert[data-color=success]")
    expect(saved).to_be_focused()
    expect(page).not_to_have_title(_title_starting("Feil: "))
    assert AttendanceRecord.objects.filter(session=session, status=A.PRESENT).count() == 2
    assert browser_page.csp_violations == []
    page.set_viewport_size({"width": 320, "height": 800})
    screenshot(page, "a11y-attendance-saved-320.png")


def test_a_form_with_errors_focuses_the_summary_that_links_to_the_field(
    browser_page, live_server, personas
):
    page = login_page(browser_page, live_server.url, personas.coordinator.username)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/kull/ny/")
    before = page.title()
    assert not before.startswith("Feil: ")
    assert page.locator("form.form-grid, main form").first.evaluate("f => f.noValidate")
    page.locator("main").get_by_role("button", name="Opprett kullet").click()

    # The server's Norwegian messages, not the browser's bubble: the page was sent and came back.
    summary = page.locator(".ds-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(page).to_have_title("Feil: " + before)
    links = summary.get_by_role("link")
    assert links.count() >= 1
    href = links.first.get_attribute("href")
    assert href and page.locator(href).count() == 1
    screenshot(page, "a11y-cohort-form-errors-1280.png")
    links.first.click()
    expect(page.locator(href)).to_be_focused()
    page.set_viewport_size({"width": 320, "height": 800})
    screenshot(page, "a11y-cohort-form-errors-320.png")
    assert browser_page.csp_violations == []


def test_my_timesheets_does_not_scroll_sideways_at_320_px(browser_page, live_server, personas):
    make_placement(personas)
    page = login_page(browser_page, live_server.url, personas.participant_user.username)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/meg/timelister/")
    expect(page.locator(".table-wrap").first).to_be_visible()
    widths = page.evaluate(
        """() => ({scroll: document.documentElement.scrollWidth,
                   client: document.documentElement.clientWidth})"""
    )
    assert widths["scroll"] <= widths["client"], widths
    screenshot(page, "a11y-my-timesheets-320.png")

    # A table that scrolls inside its wrap is a named region with a tab stop.
    regions = page.evaluate(
        """() => [...document.querySelectorAll('.table-wrap')]
            .filter(w => w.scrollWidth > w.clientWidth)
            .map(w => ({tabindex: w.getAttribute('tabindex'), role: w.getAttribute('role'),
                        name: (document.getElementById(w.getAttribute('aria-labelledby'))
                               || {}).textContent || ''}))"""
    )
    assert regions, "expected at least one table to scroll at 320 px"
    for region in regions:
        assert region["tabindex"] == "0" and region["role"] == "region", region
        assert region["name"].strip(), region
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    # At 1280 px nothing scrolls, so no table is given an extra tab stop.
    assert page.locator(".table-wrap[tabindex]").count() == 0
    screenshot(page, "a11y-my-timesheets-1280.png")
    assert browser_page.csp_violations == []


def _attendance_url(session) -> str:  # type: ignore[no-untyped-def]
    return reverse("session_attendance", args=[session.pk])


def _title_starting(prefix: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(prefix))
