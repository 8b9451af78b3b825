"""Helpers for the Playwright journeys: one logged-in page per person, shared CSP watch,
and reading the participant's "what is missing" as the participant sees it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt

from brobygger.accounts.models import Role, User
from brobygger.accounts.testing import add_totp, totp_code
from brobygger.organisations.models import Organisation, OrganisationKind
from brobygger.programmes.models import ProgrammeVersion
from brobygger.testing import PASSWORD, make_org, make_programme, make_user

REPO_ROOT = Path(__file__).resolve().parents[3]
SHOTS = REPO_ROOT / "var" / "shots"


@dataclass
class JourneyPeople:
    bergen: Organisation
    host: Organisation
    version: ProgrammeVersion
    coordinator: User
    teacher: User
    supervisor: User
    participant_user: User


def journey_people() -> JourneyPeople:
    """The minimum set up directly in the database: organisations, people with their roles,
    and a short programme version (6 hours, 1 practice week, assignment) so the walk is quick."""
    bergen = make_org("Bergen kommune, MB-utdanning", kommune="4601")
    host = make_org("Bergen kommune, Rusteamet", kind=OrganisationKind.PLACEMENT_SITE)
    version = make_programme(
        bergen,
        name="Kortversjon",
        theory_hours=Decimal("6"),
        practice_weeks=1,
        placement_percent=50,
        week_tolerance=Decimal("0.90"),
        assignment_required=True,
    )
    return JourneyPeople(
        bergen=bergen,
        host=host,
        version=version,
        coordinator=make_user(
            "koordinator", role=Role.COORDINATOR, org=bergen, first_name="Kora", last_name="Kull"
        ),
        teacher=make_user(
            "underviser", role=Role.TEACHER, org=bergen, first_name="Ulla", last_name="Lærer"
        ),
        supervisor=make_user(
            "praksisveileder", role=Role.SUPERVISOR, org=host, first_name="Pia", last_name="Paulsen"
        ),
        participant_user=make_user(
            "deltaker", role=Role.PARTICIPANT, org=bergen, first_name="Dina", last_name="Deltaker"
        ),
    )


def watch_csp(page: Any, violations: list[str]) -> None:
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )


def login_page(first_page: Any, base_url: str, username: str) -> Any:
    """A fresh browser context (own cookies) for one person, logged in through /konto/login/.
    Console CSP reports go to the first page's `csp_violations` list."""
    context = first_page.context.browser.new_context(base_url=base_url, locale="nb-NO")
    page = context.new_page()
    watch_csp(page, first_page.csp_violations)
    log_in(page, username)
    return page


def log_in(page: Any, username: str) -> None:
    """Password, then, for everyone but participants, the code from their authenticator app
    (the app is set up for them in the database; the code is computed as the app would)."""
    secret = _authenticator_app_for(username)
    page.goto("/konto/login/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    if secret:
        page.wait_for_url("**/konto/2fa/authenticate/")
        page.get_by_label("Kode").fill(totp_code(secret))
        page.get_by_role("button", name="Bekreft").click()
    page.wait_for_url("**/")
    page.get_by_role("button", name="Logg ut").wait_for()


def _authenticator_app_for(username: str) -> str | None:
    """The TOTP secret of `username`'s authenticator app, set up now if MFA is required of them."""
    user = User.objects.get(username=username)
    roles = set(user.memberships.values_list("role", flat=True))
    if roles == {Role.PARTICIPANT}:
        return None
    app = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return decrypt(app.data["secret"]) if app else add_totp(user)


def missing_items(page: Any) -> list[str]:
    """The participant's "Dette gjenstår før du kan fullføre" list on /meg/ (visible text)."""
    return [text.strip() for text in page.locator("ul.missing-list > li").all_inner_texts()]


def summary_line(page: Any) -> str:
    """The first line under "Hva som gjenstår for deg", e.g. "0 av 6 timer, 0 av 1 uker, …"."""
    heading = page.get_by_role("heading", name="Hva som gjenstår for deg")
    return str(heading.locator("xpath=following-sibling::div[1]/p[1]").inner_text()).strip()


def screenshot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    # caret="initial": hiding the caret makes Playwright set inline styles, which the app's CSP
    # blocks and the CSP watch would then report as the app's.
    page.screenshot(path=str(path), full_page=True, caret="initial")
    return path


def monday_on_or_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def iso_week(day: dt.date) -> int:
    return day.isocalendar().week
