"""axe-core in Chromium (issue 14): every page each role may open, and the answer to each of its
forms sent empty (the error state: the error summary), has no violation of WCAG 2.2 A/AA or of
axe's best practices; so does a sample of pages in nynorsk and English, the language picked
with the switcher. The pages are the route walk's (core/tests/formwalk.py, as the aria check and
the authorisation matrix walk them: each role's own-organisation persona, real objects from the
apps' tests/scoping.py), served to the browser from Django's test client inside the test's
transaction (core/tests/axewalk.py), under the app's real CSP, with its real CSS."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from brobygger.core.tests import logscan
from brobygger.core.tests.axewalk import AXE_JS, AppServer, Violation, axe
from brobygger.core.tests.formwalk import (
    drained,
    form_key,
    is_project_path,
    parse_forms,
    personas_for,
    usable_routes,
)
from brobygger.core.tests.journey_helpers import SHOTS
from brobygger.core.tests.routes import load_scoping, one_route, project_routes
from brobygger.core.urlwalk import walk

pytestmark = pytest.mark.browser

# The sample seen in nynorsk and English: (persona, route) — the login page and the public
# pages, every role's home, a form (shown in its error state), a list and a participant's page.
SAMPLE = [
    ("anonymous", "account_login"),
    ("anonymous", "contacts_find"),
    ("anonymous", "accessibility_statement"),
    ("coordinator", "home"),
    ("coordinator", "cohort_list"),
    ("coordinator", "cohort_create"),
    ("coordinator", "enrolment_detail"),
    ("teacher", "home"),
    ("supervisor", "home"),
    ("caseworker", "home"),
    ("county_coordinator", "home"),
    ("employer", "home"),
    ("participant_user", "home"),
    ("participant_user", "my_progress"),
    ("analyst", "home"),
    ("admin", "home"),
]
SWITCHER_BUTTON = {"nn": "Nynorsk", "en": "English"}


@dataclass
class Findings:
    """What axe found, and on what: every violation is kept with where it was seen."""

    seen: list[str] = field(default_factory=list)  # one line per violation and page
    pages: int = 0
    error_states: int = 0
    fragments: set[str] = field(default_factory=set)  # htmx's fragments, seen in their pages
    rules: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    problems: list[str] = field(default_factory=list)  # CSP reports, script errors, strays

    def check(self, server: AppServer, where: str, label: str) -> None:
        for violation in axe(server.page):
            self.add(violation, where, label)

    def add(self, violation: Violation, where: str, label: str) -> None:
        self.rules[violation.rule] += len(violation.targets)
        self.seen.append(f"{violation.rule}: {where} as {label}: {', '.join(violation.targets)}")

    def report(self) -> str:
        counts = ", ".join(f"{rule} ×{n}" for rule, n in sorted(self.rules.items()))
        return f"{len(self.seen)} violations ({counts}):\n" + "\n".join(self.seen)


class Browsers:
    """One browser context per persona, reused across routes; each route logs in afresh (the
    route's frozen time and rolled-back savepoint, core/tests/routes.one_route)."""

    def __init__(self, browser: Any, personas: Any) -> None:
        self.browser = browser
        self.personas = personas
        self.servers: dict[str, AppServer] = {}

    def for_(self, label: str, *, fresh_login: bool = True) -> AppServer:
        server = self.servers.get(label)
        if server is None:
            server = self.servers[label] = AppServer(self.browser, self.client(label))
        elif fresh_login:
            server.client = self.client(label)
        return server

    def client(self, label: str) -> Client:
        client = Client(raise_request_exception=False)
        if label != "anonymous":
            client.force_login(getattr(self.personas, label))
        return client

    def problems(self) -> list[str]:
        found = []
        for label, server in self.servers.items():
            found += [f"{label}: CSP: {text}" for text in server.csp]
            found += [f"{label}: script error: {text}" for text in server.errors]
            found += [f"{label}: request outside the app: {url}" for url in server.stray]
        return found

    def close(self) -> None:
        for server in self.servers.values():
            server.close()


def visit(
    server: AppServer, url: str, label: str, findings: Findings, sent: set[Any] | None
) -> bool:
    """axe on the page at `url` and on the error state of each of its POST forms (each form
    once per persona, as the fuzz test sends it: `sent` keeps the forms sent so far).
    A route that is no page for this persona (a file, a redirect, POST only) is seen as the
    aria walk sees it, through the test client alone: opening it in the browser shows nothing.
    Nor is a fragment that htmx fetches into a page (the header's unread count, an import's
    progress bar): no one opens it on its own, and axe sees it in the page that shows it."""
    first = drained(server.client.get(url))
    if first.status_code != 200 or "html" not in first.get("Content-Type", ""):
        return False
    if b"<html" not in first.content[:1000].lower():
        findings.fragments.add(url)
        return False
    answer = server.goto(url)
    if answer is None or answer.status != 200:
        return False
    findings.pages += 1
    findings.check(server, f"GET {url}", label)
    if sent is None:
        return True
    fresh = True
    per_action: dict[str, int] = defaultdict(int)
    # The forms as the page the browser arrived at names them (a redirect may have led there).
    for form in parse_forms(answer.text(), answer.path):
        nth = per_action[form.action]
        per_action[form.action] += 1
        if form.method != "post" or not is_project_path(form.action):
            continue
        key = form_key(label, form)
        if key in sent:
            continue
        sent.add(key)
        if not fresh:
            server.goto(url)
        fresh = False
        posted = server.submit_empty(form, nth)
        if posted is None or not posted.shown:
            continue  # done (a redirect) or a file: no error state to look at
        findings.error_states += 1
        findings.check(server, f"POST {form.action} (from {url})", label)
    return True


def test_axe_runs_under_the_csp_and_sees_the_real_css(chromium, personas):
    """The check itself: axe loads on the app's pages despite the CSP, finds an image without
    a text alternative, and measures colour contrast against the app's style sheets."""
    browsers = Browsers(chromium, personas)
    try:
        server = browsers.for_("anonymous")
        assert server.goto(reverse("account_login")) is not None
        assert axe(server.page) == []
        # Designsystemet's style sheet is loaded: its tokens are defined on the page.
        assert server.page.evaluate(
            "() => getComputedStyle(document.documentElement)"
            ".getPropertyValue('--ds-color-neutral-text-default').trim()"
        )
        server.page.evaluate(
            """() => {
                const main = document.querySelector('main');
                main.append(document.createElement('img'));
                const pale = document.createElement('p');
                pale.textContent = 'Blek tekst';
                pale.style.color = '#ddd';  // through the CSSOM: allowed under the CSP
                main.append(pale);
            }"""
        )
        rules = {violation.rule for violation in axe(server.page)}
        assert {"image-alt", "color-contrast"} <= rules, rules
        assert browsers.problems() == []
    finally:
        browsers.close()


def test_every_page_and_error_state_of_every_role_has_no_axe_violations(
    chromium, personas, time_machine
):
    assert AXE_JS.exists(), "run `make assets` (npm ci) to install axe-core"
    started = time.monotonic()
    scoping = load_scoping()
    findings = Findings()
    browsers = Browsers(chromium, personas)
    sent: set[Any] = set()
    try:
        with logscan.paused():
            for route in usable_routes(scoping):
                with one_route(route, personas, scoping, time_machine) as objects:
                    try:
                        url = objects.url(route)
                    except Exception:  # noqa: S112 - the authorisation matrix reports it
                        continue
                    for label in personas_for(route):
                        visit(browsers.for_(label), url, label, findings, sent)
        problems = browsers.problems()
    finally:
        browsers.close()
    seconds = time.monotonic() - started
    print(
        f"axe: {findings.pages} pages, {findings.error_states} error states, {seconds:.0f} s;"
        f" fragments not opened alone: {sorted(findings.fragments)}"
    )
    assert findings.pages > 50, "the walk found suspiciously few pages"
    assert findings.error_states > 10, "the walk sent suspiciously few forms"
    assert findings.seen == [], findings.report()
    assert problems == []


@pytest.mark.parametrize("language", ["nn", "en"])
def test_a_sample_in_nynorsk_and_english_has_no_axe_violations(
    chromium, personas, time_machine, language
):
    scoping = load_scoping()
    routes = {route.qualname: route for route in project_routes()}
    findings = Findings()
    browsers = Browsers(chromium, personas)
    try:
        with logscan.paused():
            # The switcher in the header (the login page's for the anonymous visitor): the
            # cookie, and for a signed-in person their login, keep the choice.
            for label in dict.fromkeys(label for label, _name in SAMPLE):
                server = browsers.for_(label)
                server.goto(reverse("account_login" if label == "anonymous" else "home"))
                switcher = server.page.locator(".language-switcher")
                button = switcher.get_by_role("button", name=SWITCHER_BUTTON[language])
                assert server.follow(button.click) is not None, label
                assert server.page.locator("html").get_attribute("lang") == language, label
            sent: set[Any] = set()
            for label, name in SAMPLE:
                # The project's routes with their objects and time (allauth's login page
                # takes neither).
                route = routes.get(name) or next(r for r in walk() if r.name == name)
                with one_route(route, personas, scoping, time_machine) as objects:
                    url = objects.url(route) if name in routes else reverse(name)
                    server = browsers.for_(label, fresh_login=label != "anonymous")
                    assert visit(server, url, label, findings, sent), f"{url} as {label}"
                    assert server.page.locator("html").get_attribute("lang") == language
                    if name == "cohort_create":
                        SHOTS.mkdir(parents=True, exist_ok=True)
                        server.page.screenshot(
                            path=str(SHOTS / f"axe-cohort-create-errors-{language}.png"),
                            full_page=True,
                            caret="initial",
                        )
            # Not found, in the visitor's language.
            server = browsers.for_("anonymous", fresh_login=False)
            server.page.goto("/finnes-ikke/")
            findings.check(server, "GET /finnes-ikke/ (404)", "anonymous")
        problems = browsers.problems()
    finally:
        browsers.close()
    assert findings.error_states >= 2, "the sample's forms were not sent"
    assert findings.seen == [], findings.report()
    assert problems == []
