"""The coordinator's Monday view in Chromium: the warnings are there to read, the follow-up
filter reloads the table through htmx, and at 320 px only the table scrolls sideways."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from brobygger.completion.tests.factories import make_eligible
from brobygger.completion.tests.test_cohort_overview_warnings import AT_RISK, at_risk
from brobygger.core.tests.journey_helpers import login_page, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def _today():
    """Real time here (the live server and the browser run on it), not the frozen day of
    the other completion tests. The data below lies in the past either way."""


def test_the_overview_shows_who_needs_following_up(browser_page, live_server, personas):
    personas.version.min_attendance_share = Decimal("0.80")
    personas.version.save()
    make_eligible(personas.enrolment, personas=personas)
    make_eligible(personas.other_enrolment, personas=personas)
    for name, code in AT_RISK.items():
        at_risk(personas, name, code)

    page = login_page(browser_page, live_server.url, personas.coordinator.username)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/kull/{personas.cohort.pk}/")
    table = page.locator("#overview-table")
    expect(table.get_by_role("row")).to_have_count(1 + 2 + len(AT_RISK))
    gran = table.get_by_role("row").filter(has_text="Geir Gran")
    expect(gran.get_by_role("list", name="Varsler")).to_contain_text(
        "Skriftlig oppgave er ikke godkjent."
    )
    screenshot(page, "completion-overview-warnings.png")

    # "Trenger oppfølging": the table alone is swapped (htmx), and the address follows.
    page.get_by_label("Oppfølging").select_option(label="Trenger oppfølging")
    expect(table.get_by_role("row")).to_have_count(1 + len(AT_RISK))
    expect(page).to_have_url(
        f"{live_server.url}/kull/{personas.cohort.pk}/?status=&oppfolging=ja&sort=navn"
    )
    page.get_by_label("Sorter etter").select_option(label="Flest varsler")
    expect(table.get_by_role("row").nth(1)).to_contain_text("Anne Andersen")

    # 320 px: the page itself does not scroll sideways; the table does, inside its wrap.
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/kull/{personas.cohort.pk}/")
    widths = page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth,
            viewport: window.innerWidth,
            wrapScroll: document.querySelector('#overview-table').scrollWidth,
            wrapClient: document.querySelector('#overview-table').clientWidth,
        })"""
    )
    assert widths["page"] <= widths["viewport"], widths
    assert widths["wrapScroll"] > widths["wrapClient"], widths  # the table scrolls in its wrap
    screenshot(page, "completion-overview-320.png")

    # The participant's own page shows the same warning, from the same rule.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/kull/{personas.cohort.pk}/")
    page.get_by_role("link", name="Geir Gran").click()
    expect(page.get_by_role("list", name="Varsler")).to_have_text(
        "Alvorlig: Skriftlig oppgave er ikke godkjent."
    )
    screenshot(page, "completion-participant-warnings.png")
    assert browser_page.csp_violations == []
