"""Issue 14: the three keyboard journeys, done with the keyboard alone after each page.goto (no
clicks, no fills): the participant's timesheet, the teacher's attendance grid and the anonymous
"Finn din kontakt" + message. After each save and each error the test asserts where the focus
lands, and that what was saved is in the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from brobygger.accounts.testing import totp_code
from brobygger.attendance.models import AttendanceRecord
from brobygger.attendance.models import AttendanceStatus as A
from brobygger.contacts.models import ContactMessage
from brobygger.contacts.tests.factories import make_entry
from brobygger.core.tests.journey_helpers import _authenticator_app_for
from brobygger.core.tests.test_browser_accessibility import tabs_to, via_skip_link
from brobygger.placements.models import TimesheetDay
from brobygger.placements.services import hours_field
from brobygger.placements.tests.factories import make_placement
from brobygger.testing import PASSWORD, make_session

pytestmark = pytest.mark.browser

IS_BODY = "() => document.activeElement === document.body"


def tab_until(page, locator, *, limit: int = 40, backwards: bool = False) -> int:  # type: ignore[no-untyped-def]
    """Tab (or Shift+Tab) from where the focus is now, without reloading, until `locator` has it."""
    handle = locator.element_handle()
    for count in range(1, limit + 1):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("el => document.activeElement === el", handle):
            return count
    raise AssertionError(f"not reached in {limit} tabs")


def keyboard_log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    """/konto/login/ by keyboard: username, Tab, password, Enter; then the authenticator code
    (computed as the app would) typed and Enter, for everyone but participants."""
    secret = _authenticator_app_for(username)
    page.goto("/konto/login/")
    tabs_to(page, page.get_by_label("Brukernavn"))
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Passord")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    if secret:
        page.wait_for_url("**/konto/2fa/authenticate/")
        code = page.get_by_label("Kode")
        if not code.evaluate("el => document.activeElement === el"):
            tab_until(page, code)
        page.keyboard.type(totp_code(secret))
        page.keyboard.press("Enter")
    page.wait_for_url("**/")
    page.get_by_role("button", name="Logg ut").wait_for()


def test_the_participant_fills_in_this_weeks_timesheet_with_the_keyboard(browser_page, personas):
    placement = make_placement(personas)
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    page = browser_page
    keyboard_log_in(page, personas.participant_user.username)

    page.goto("/meg/")
    link = page.locator("main a").first
    expect(link).to_have_attribute("href", f"/praksis/{placement.pk}/uke/{monday:%Y-%m-%d}/")
    via_skip_link(page, link)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/praksis/{placement.pk}/uke/{monday:%Y-%m-%d}/")

    # A bad value (more than a day has): Enter in the field sends the form ("Lagre utkast").
    field = page.locator(f"#id_{hours_field(monday)}")
    tabs_to(page, field)
    page.keyboard.type("25")
    page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Et døgn har bare 24 timer. Før opp høyst 24 timer.")
    assert not TimesheetDay.objects.filter(timesheet__placement=placement).exists()

    # The summary's link takes the focus to the field when activated with Enter.
    tab_until(page, summary.get_by_role("link").first)
    page.keyboard.press("Enter")
    expect(field).to_be_focused()

    # Corrected and saved: the focus is on the success status, not at the top.
    # (A number field: headless Chromium parses it in its own en-US locale, so "7.5" here.)
    page.keyboard.press("Control+A")
    page.keyboard.type("7.5")
    page.keyboard.press("Enter")
    status = page.get_by_role("status").filter(has_text="Timelisten er lagret som utkast.")
    expect(status).to_be_focused()
    assert not page.evaluate(IS_BODY)
    expect(page.locator("[data-error-summary]")).to_have_count(0)
    saved = TimesheetDay.objects.get(timesheet__placement=placement, date=monday)
    assert saved.hours == Decimal("7.5")
    assert page.csp_violations == []


def test_the_teacher_records_attendance_with_the_keyboard(browser_page, personas):
    today = timezone.localdate()
    held = make_session(
        personas.cohort,
        date=today,
        start=dt.time(0, 0),
        end=dt.time(0, 1),
        teacher=personas.teacher,
    )
    page = browser_page
    keyboard_log_in(page, personas.teacher.username)

    page.goto("/")
    link = page.locator("main a").first
    expect(link).to_have_attribute("href", f"/okter/{held.pk}/oppmote/")
    via_skip_link(page, link)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/okter/{held.pk}/oppmote/")

    # Saved with no marks at all: the error summary has the focus and nothing is saved.
    tabs_to(page, page.get_by_role("button", name="Lagre oppmøte"))
    page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Velg oppmøte.")
    assert not AttendanceRecord.objects.filter(session=held).exists()

    # "Merk alle til stede" by keyboard: its status message has the focus.
    tab_until(page, page.get_by_role("button", name="Merk alle til stede"))
    page.keyboard.press("Space")
    info = page.locator(".attendance-grid .ds-alert[data-color=info]")
    expect(info).to_be_focused()
    expect(info).to_have_attribute("role", "status")
    assert not AttendanceRecord.objects.filter(session=held).exists()  # only prefilled

    # Saved: the success status has the focus; both participants are recorded present.
    tab_until(page, page.get_by_role("button", name="Lagre oppmøte"))
    page.keyboard.press("Enter")
    saved = page.locator(".attendance-grid .ds-alert[data-color=success]")
    expect(saved).to_be_focused()
    expect(saved).to_have_attribute("role", "status")
    records = AttendanceRecord.objects.filter(session=held)
    assert {r.enrolment_id: r.status for r in records} == {
        personas.enrolment.pk: A.PRESENT,
        personas.other_enrolment.pk: A.PRESENT,
    }
    assert all(r.recorded_by_id == personas.teacher.pk for r in records)


def test_a_leader_finds_a_contact_and_writes_with_the_keyboard(browser_page, personas):
    make_entry(
        by=personas.admin,
        user=personas.county_coordinator,
        name="Frida Fylke",
        email="frida.fylke@nav.example.no",
    )
    page = browser_page
    page.goto("/finn-din-kontakt/")

    # The municipality by typing its name in the focused list, then Enter on the button.
    tabs_to(page, page.get_by_label("Kommune"))
    page.keyboard.type("Alver")
    expect(page.get_by_label("Kommune")).to_have_value("4631")
    tab_until(page, page.get_by_role("button", name="Finn kontakt"))
    page.keyboard.press("Enter")
    heading = page.get_by_role("heading", name="Kontakt for Alver (Vestland)")
    expect(heading).to_be_focused()

    # On to the message form from the answer, and sent empty: the summary has the focus.
    tab_until(page, page.get_by_role("link", name="Send en melding til fylkeskoordinatoren"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/finn-din-kontakt/melding/?kommune=4631")
    expect(page.get_by_label("Kommune")).to_have_value("4631")
    tabs_to(page, page.get_by_role("button", name="Send meldingen"))
    page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    for text in ("Skriv navnet ditt.", "Skriv e-postadressen din.", "Skriv en melding."):
        expect(summary).to_contain_text(text)
    assert not ContactMessage.objects.exists()

    # Filled in field by field (the summary's first link leads to the first field) and sent.
    tab_until(page, summary.get_by_role("link").first)
    page.keyboard.press("Enter")
    expect(page.get_by_label("Navn")).to_be_focused()
    page.keyboard.type("Lise Leder")
    for field, text in (
        ("sender_organisation", "Alver kommune"),
        ("sender_email", "lise@example.no"),
        ("body", "Kan vi snakke om lønnstilskudd?"),
    ):
        tab_until(page, page.locator(f"#id_{field}"))
        page.keyboard.type(text)
    tab_until(page, page.get_by_role("button", name="Send meldingen"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/finn-din-kontakt/melding/sendt/")
    confirmation = page.get_by_role("heading", name="Takk, meldingen er sendt")
    expect(confirmation).to_be_focused()

    message = ContactMessage.objects.get()
    assert (message.sender_name, message.sender_organisation, message.sender_email) == (
        "Lise Leder",
        "Alver kommune",
        "lise@example.no",
    )
    assert message.body == "Kan vi snakke om lønnstilskudd?"
    assert message.municipality.number == "4631"
    assert page.csp_violations == []
