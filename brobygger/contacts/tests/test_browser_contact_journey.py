"""A leader finds their county coordinator and writes to them without JavaScript; the county
coordinator reads it in the inbox and marks it handled. Under the strict CSP."""

import pytest
from playwright.sync_api import expect

from brobygger.accounts.models import Role
from brobygger.contacts.models import ContactMessage
from brobygger.contacts.tests.factories import make_entry
from brobygger.organisations.models import OrganisationKind
from brobygger.testing import make_org, make_user

pytestmark = pytest.mark.browser


def test_a_leader_writes_and_the_county_coordinator_handles_it(browser_page, live_server):
    admin = make_user("admin", role=Role.ADMIN, org=make_org("Nasjonal", kommune="0301"))
    nav = make_org("NAV Vestland", kind=OrganisationKind.NAV_OFFICE, kommune="4601")
    county = make_user("fylkeskoordinator", role=Role.COUNTY_COORDINATOR, org=nav)
    make_entry(by=admin, user=county, name="Frida Fylke", email="frida@nav.example.no")

    # The leader's browser runs no JavaScript at all.
    leader = browser_page.context.browser.new_context(
        base_url=live_server.url, locale="nb-NO", java_script_enabled=False
    )
    page = leader.new_page()
    page.goto("/")
    page.get_by_role("link", name="Finn din kontakt").click()
    page.get_by_label("Kommune").select_option(label="Alver")
    page.get_by_role("button", name="Finn kontakt").click()
    expect(page.get_by_role("heading", name="Kontakt for Alver (Vestland)")).to_be_visible()
    expect(page.get_by_role("link", name="frida@nav.example.no")).to_be_visible()
    page.get_by_role("link", name="Send en melding til fylkeskoordinatoren").click()
    expect(page.get_by_label("Kommune")).to_have_value("4631")
    page.get_by_label("Navn").fill("Lise Leder")
    page.get_by_label("Virksomhet eller arbeidsgiver").fill("Alver kommune")
    page.get_by_label("E-post").fill("lise@example.no")
    page.get_by_label("Melding").fill("Kan vi snakke om lønnstilskudd?")
    # The honeypot: not in the accessibility tree, and no bigger than a pixel on screen.
    expect(page.get_by_role("textbox", name="La dette feltet stå tomt")).to_have_count(0)
    assert page.locator("#id_website").locator("xpath=..").bounding_box()["width"] <= 1
    page.get_by_role("button", name="Send meldingen").click()
    expect(page.get_by_role("heading", name="Takk, meldingen er sendt")).to_be_visible()
    assert "Lise" not in page.url
    leader.close()
    assert ContactMessage.objects.get().sender_name == "Lise Leder"

    from brobygger.core.tests.journey_helpers import log_in

    coordinator = browser_page
    log_in(coordinator, "fylkeskoordinator")
    coordinator.get_by_role("link", name="Innboks").first.click()
    expect(coordinator.get_by_role("heading", name="Lise Leder, Alver kommune")).to_be_visible()
    coordinator.get_by_role("button", name="Merk som behandlet meldingen fra Lise Leder").click()
    expect(coordinator.get_by_text("Meldingen er merket som behandlet.")).to_be_visible()
    expect(coordinator.get_by_text("Ingen ubehandlede meldinger.")).to_be_visible()
    assert ContactMessage.objects.get().is_handled
    assert coordinator.csp_violations == []
