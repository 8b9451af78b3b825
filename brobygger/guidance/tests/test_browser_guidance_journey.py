"""An administrator edits the tips page (a new version), a leader reads it and searches the
library without JavaScript, and the administrator restores the first version."""

import pytest
from django.apps import apps
from playwright.sync_api import expect

from brobygger.accounts.models import Role
from brobygger.guidance.seed.load import load_seed
from brobygger.testing import make_org, make_user

pytestmark = pytest.mark.browser


def test_edit_read_search_and_restore(browser_page, live_server):
    from brobygger.core.tests.journey_helpers import log_in

    # An earlier browser test's flush removed what the data migration loaded; put it back.
    load_seed(lambda name: apps.get_model("guidance", name))
    make_user("admin", role=Role.ADMIN, org=make_org("Nasjonal", kommune="0301"))
    admin = browser_page
    log_in(admin, "admin")
    admin.get_by_role("link", name="Veiledning").first.click()
    admin.get_by_role("link", name="Endre Ansette en medarbeider med brukererfaring").click()
    admin.get_by_label("Ingress").fill("Kort og godt for ledere.")
    admin.get_by_role("button", name="Lagre ny versjon").click()
    # The seed is versions 1 (bokmål), 2 (nynorsk) and 3 (English); numbers run across languages.
    expect(admin.get_by_text("Endringene er lagret som versjon 4.")).to_be_visible()

    leader = browser_page.context.browser.new_context(
        base_url=live_server.url, locale="nb-NO", java_script_enabled=False
    )
    page = leader.new_page()
    page.goto("/veiledning/")
    page.get_by_role("link", name="Ansette en medarbeider med brukererfaring").click()
    expect(page.get_by_text("Kort og godt for ledere.")).to_be_visible()
    page.get_by_role("link", name="Ressursbibliotek").first.click()
    page.get_by_label("Emne", exact=True).select_option(label="Lønnstilskudd")
    page.get_by_role("button", name="Søk").click()
    assert "emne=lonnstilskudd" in page.url
    expect(page.get_by_role("link", name="Lønnstilskudd for arbeidsgivere")).to_be_visible()
    expect(page.get_by_role("link", name="Mentor for arbeidsgivere")).to_have_count(0)

    admin.get_by_role("button", name="Gjenopprett versjon 1").click()
    expect(admin.get_by_text("Versjon 1 er gjenopprettet som ny versjon 5.")).to_be_visible()
    page.goto("/veiledning/rad-til-ledere/")
    expect(page.get_by_text("Kort og godt for ledere.")).to_have_count(0)
    leader.close()
    assert admin.csp_violations == []
