"""Browser journeys against the real local provider: a coordinator invites a newly registered
participant, who logs in with the ID-porten stand-in, files a timesheet and reads who looked;
a coordinator invites a teacher, who logs in with the Entra ID stand-in, with the provider's
MFA (no local step) and without it (the authenticator app is set up)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from brobygger.accounts.testing import totp_code
from brobygger.core.tests.journey_helpers import (
    journey_people,
    login_page,
    monday_on_or_before,
    screenshot,
)
from brobygger.enrolments.tests.factories import synthetic_fnr
from brobygger.identity import config
from brobygger.identity.tests.conftest import TENANT, provider_entries, unique_login
from brobygger.placements.services import placement_create
from brobygger.testing import make_cohort, make_enrolment, make_participant

pytestmark = pytest.mark.browser

FNR = synthetic_fnr(dt.date(1987, 6, 1), 321)


@pytest.fixture
def journey_oidc(settings, oidc_provider):
    settings.SOCIALACCOUNT_PROVIDERS = config.socialaccount_providers(
        json.dumps(provider_entries(oidc_provider.issuer))
    )
    return oidc_provider


def provider_login(page, login: str) -> None:
    """The provider's own login page (the stand-in for BankID / the organisation's login)."""
    page.wait_for_url(re.compile(r"http://127\.0\.0\.1:\d+/interaction/"))
    page.get_by_label("Brukernavn").fill(login)
    page.get_by_role("button", name="Logg inn").click()


def new_browser(first_page, base_url):
    context = first_page.context.browser.new_context(base_url=base_url, locale="nb-NO")
    return context.new_page()


def test_an_invited_participant_logs_in_with_id_porten_and_uses_brobygger(
    browser_page, live_server, journey_oidc
):
    people = journey_people()
    today = timezone.localdate()
    week_start = monday_on_or_before(today) - dt.timedelta(days=7)
    cohort = make_cohort(
        people.version, start=week_start - dt.timedelta(days=28), coordinators=[people.coordinator]
    )
    enrolment = make_enrolment(
        cohort, participant=make_participant("Nora", "Nyberg", national_id=FNR)
    )
    placement_create(
        by=people.coordinator,
        enrolment=enrolment,
        host=people.host,
        supervisor=people.supervisor,
        start_date=week_start,
        end_date=week_start + dt.timedelta(days=4),
        percent=50,
    )
    login = unique_login("nora")
    journey_oidc.add_account(login, claims={"pid": FNR}, acr="idporten-loa-substantial")

    coord = login_page(browser_page, live_server.url, "koordinator")
    coord.goto(f"/deltakelser/{enrolment.pk}/")
    expect(coord.get_by_text("Har ingen innlogging ennå.")).to_be_visible()
    coord.get_by_role("link", name="Gi tilgang").click()
    coord.get_by_label("E-post").fill("nora@example.org")
    coord.get_by_role("button", name="Send invitasjon").click()
    expect(coord.get_by_text("Invitasjonen er sendt til nora@example.org.")).to_be_visible()
    code = coord.locator(".invitation-code__value code").inner_text().strip()
    screenshot(coord, "invitation-issued.png")

    nora = new_browser(browser_page, live_server.url)
    nora.goto("/konto/login/")
    nora.get_by_role("link", name="Jeg har en invitasjonskode").click()
    nora.get_by_label("Invitasjonskode").fill(code)
    nora.get_by_role("button", name="Fortsett").click()
    expect(nora.get_by_text("Du er invitert som")).to_contain_text("Deltaker")
    screenshot(nora, "invitation-accept-idporten.png")
    nora.get_by_role("button", name="Logg inn med ID-porten").click()
    provider_login(nora, login)
    nora.wait_for_url(f"{live_server.url}/")
    nora.goto("/meg/")
    expect(nora.get_by_role("heading", name="Hva som gjenstår for deg")).to_be_visible()

    week = week_start.isocalendar().week
    nora.goto("/meg/timelister/")
    nora.get_by_role("link", name=f"Før timer uke {week}").click()
    for offset, weekday in enumerate(("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag")):
        day = week_start + dt.timedelta(days=offset)
        nora.get_by_label(f"{weekday} {day:%d.%m.}").fill("4")
    nora.get_by_role("button", name="Send til godkjenning").click()
    expect(nora.get_by_text("Timelisten er sendt til praksisveilederen.")).to_be_visible()

    nora.goto("/meg/innsyn/")
    expect(nora.get_by_text("Programkoordinator").first).to_be_visible()
    screenshot(nora, "participant-access-log.png")
    assert browser_page.csp_violations == []


@pytest.mark.parametrize("provider_mfa", [True, False], ids=["amr-mfa", "no-amr-mfa"])
def test_an_invited_teacher_logs_in_with_entra_id(
    browser_page, live_server, journey_oidc, provider_mfa
):
    journey_people()
    login = unique_login("ulrikke")
    journey_oidc.add_account(
        login,
        claims={"oid": f"oid-{login}", "tid": TENANT, "email": f"{login}@bergen.example"},
        acr=None,
        amr=["pwd", "mfa"] if provider_mfa else ["pwd"],
    )
    coord = login_page(browser_page, live_server.url, "koordinator")
    coord.goto("/")
    coord.get_by_role("link", name="Brukere").first.click()
    screenshot(coord, "organisation-users.png")
    coord.get_by_role("link", name="Inviter en ansatt").click()
    coord.get_by_label("Fornavn").fill("Ulrikke")
    coord.get_by_label("Etternavn").fill("Underviser")
    coord.get_by_label("E-post").fill(f"{login}@bergen.example")
    coord.get_by_label("Underviser").check()
    coord.get_by_role("button", name="Send invitasjon").click()
    code = coord.locator(".invitation-code__value code").inner_text().strip()

    teacher = new_browser(browser_page, live_server.url)
    teacher.goto("/invitasjon/")
    teacher.get_by_label("Invitasjonskode").fill(code)
    teacher.get_by_role("button", name="Fortsett").click()
    teacher.get_by_role("button", name="Logg inn med Bergen kommune").click()
    provider_login(teacher, login)
    if provider_mfa:
        teacher.wait_for_url(f"{live_server.url}/")
    else:
        teacher.wait_for_url("**/konto/2fa/totp/activate/")
        secret = teacher.locator("#authenticator_secret").inner_text().strip()
        teacher.get_by_label("Kode").fill(totp_code(secret))
        teacher.get_by_role("button", name="Slå på totrinnsinnlogging").click()
        teacher.wait_for_url("**/konto/2fa/recovery-codes/")
        teacher.get_by_role("link", name="Jeg har tatt vare på kodene").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text(re.compile("^Hei"))
    teacher.goto("/mine-okter/")
    expect(teacher.get_by_role("heading", level=1)).to_be_visible()
    assert browser_page.csp_violations == []


def test_without_a_provider_an_invited_participant_chooses_a_password(browser_page, live_server):
    """The embedded default (`make run`): no identity provider, a user name and password."""
    people = journey_people()
    cohort = make_cohort(people.version, coordinators=[people.coordinator])
    enrolment = make_enrolment(cohort, participant=make_participant("Per", "Passord"))
    coord = login_page(browser_page, live_server.url, "koordinator")
    coord.goto(f"/deltakelser/{enrolment.pk}/tilgang/")
    coord.get_by_role("button", name="Send invitasjon").click()
    code = coord.locator(".invitation-code__value code").inner_text().strip()

    per = new_browser(browser_page, live_server.url)
    per.goto("/invitasjon/")
    per.get_by_label("Invitasjonskode").fill(code)
    per.get_by_role("button", name="Fortsett").click()
    per.get_by_label("Brukernavn").fill("per.passord")
    per.get_by_label(re.compile(r"^Passord")).fill("kort")
    per.get_by_label("Gjenta passordet").fill("kort")
    per.get_by_role("button", name="Lag innlogging").click()
    # In the error summary and next to the field.
    expect(per.get_by_text("Passordet er for kort. Det må ha minst 12 tegn.")).to_have_count(2)
    screenshot(per, "invitation-password-error.png")
    per.get_by_label(re.compile(r"^Passord")).fill("fjelltur-langs-kysten-i-regn")
    per.get_by_label("Gjenta passordet").fill("fjelltur-langs-kysten-i-regn")
    per.get_by_role("button", name="Lag innlogging").click()
    per.wait_for_url(f"{live_server.url}/")
    per.goto("/meg/")
    expect(per.get_by_role("heading", name="Hva som gjenstår for deg")).to_be_visible()
    coord.goto(f"/deltakelser/{enrolment.pk}/")
    expect(coord.get_by_text("Har innlogging i Brobygger.")).to_be_visible()
    assert browser_page.csp_violations == []
