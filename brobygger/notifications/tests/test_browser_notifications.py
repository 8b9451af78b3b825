"""A participant sees the unread count in the header, reads the list and marks notifications
read with the keyboard, and chooses how to be told. Under the strict CSP, in Chromium."""

import pytest
from playwright.sync_api import expect

from brobygger.accounts.models import Role
from brobygger.core.tests.journey_helpers import log_in, screenshot
from brobygger.notifications.models import Notification, NotificationPreference
from brobygger.notifications.services import notify
from brobygger.testing import make_org, make_user

pytestmark = pytest.mark.browser


def test_a_participant_reads_notifications_and_sets_preferences(browser_page):
    bergen = make_org("Bergen kommune, MB-utdanning", kommune="4601")
    user = make_user("deltaker", role=Role.PARTICIPANT, org=bergen, first_name="Dina")
    notify(recipient=user, kind="timesheet_missing", key="a", count=2, url="/")
    notify(recipient=user, kind="assessment_ready", key="b", url="/")
    page = browser_page
    log_in(page, "deltaker")

    badge = page.locator(".site-header__notifications")
    expect(badge).to_have_text("Varsler2 uleste")
    badge.click()
    expect(page.get_by_role("heading", name="Varsler", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Du har 2 timelister som ikke er levert")).to_be_visible()
    screenshot(page, "notifications-list.png")

    button = page.get_by_role(
        "button", name="Merk som lest: Du har 2 timelister som ikke er levert"
    )
    button.focus()
    page.keyboard.press("Enter")  # htmx swaps the list in place
    expect(button).to_have_count(0)
    expect(page.get_by_role("button", name="Merk alle som lest")).to_be_visible()
    page.get_by_role("button", name="Merk alle som lest").click()
    expect(page.get_by_role("button", name="Merk alle som lest")).to_have_count(0)
    assert not Notification.objects.filter(read_at=None).exists()

    page.get_by_role("link", name="Velg hvilke varsler du får på e-post").click()
    expect(page.get_by_role("heading", name="Varselinnstillinger")).to_be_visible()
    group = page.get_by_role("group", name="Timeliste som ikke er levert")
    group.get_by_label("Bare i appen").check()
    expect(page.get_by_role("group", name="Endringer i innlogging og sikkerhet")).to_contain_text(
        "kan ikke slås av"
    )
    screenshot(page, "notifications-preferences.png")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Varselinnstillingene er lagret.")).to_be_visible()
    assert NotificationPreference.objects.get(kind="timesheet_missing").channel == "in_app"
    assert page.csp_violations == []
