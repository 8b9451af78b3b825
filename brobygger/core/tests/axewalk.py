"""axe-core in Chromium over the app's pages, with no live server: each browser context's
requests are answered by Django's test client in the test's own thread, so the pages are
rendered inside the test's transaction (and the route walk's rolled-back savepoints and frozen
time, core/tests/routes.py) with no transactional flush. The static files come from a plain
server on the loopback, the origin the browser talks to. The browser enforces the app's real
headers, CSP included: axe is evaluated through the DevTools protocol (which CSP does not
govern), and the app's own CSS is loaded, so colour contrast is measured on what a person sees.

    server = AppServer(browser, client)          # a context whose requests `client` answers
    server.goto("/kull/")                        # the page, as the browser shows it
    violations = axe(server.page)                 # [Violation(...)]

Two things the browser cannot be handed, and what is done instead: a redirect (Chromium does
not follow one that an intercepted request is fulfilled with; `_arrived` opens the Location),
and a request in Playwright's own greenlet seeing the test's database connection (the handler
runs in the test's context variables, `_test_context`).
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import functools
import http.server
import mimetypes
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import transaction
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from brobygger.core.tests.formwalk import Form

REPO_ROOT = Path(__file__).resolve().parents[3]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"


# WCAG 2.0, 2.1 and 2.2 levels A and AA, and axe's best practices (landmarks, one h1, skipped
# heading levels, ...): the level public bodies in Norway are held to, and the habits that
# keep a page easy to use with a screen reader.
RUN_ONLY = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@dataclass
class Answer:
    method: str
    path: str
    status: int
    content_type: str
    body: bytes
    location: str = ""  # where a redirect sends the browser

    @property
    def shown(self) -> bool:
        """A page the browser shows: HTML with something in it (not a redirect, not the empty
        answer to a method the view does not take)."""
        return "html" in self.content_type and not self.location and bool(self.body.strip())

    def text(self) -> str:
        return self.body.decode(errors="replace")


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    summary: str

    def describe(self) -> str:
        return f"{self.rule} ({self.impact}): {self.help} at {', '.join(self.targets)}"


@dataclass
class AppServer:
    """One browser context (own page, own person) whose every request Django's test client
    answers. `client` may be swapped between requests (a fresh login per route)."""

    browser: Any
    client: Client
    locale: str = "nb-NO"
    documents: list[Answer] = field(default_factory=list)  # main-frame answers, in order
    posts: list[Answer] = field(default_factory=list)  # POST answers, in order
    stray: list[str] = field(default_factory=list)  # requests to anywhere else (aborted)
    csp: list[str] = field(default_factory=list)  # the console's CSP reports
    errors: list[str] = field(default_factory=list)  # uncaught script errors
    empty_posts: bool = False  # send the page's POSTs with no data, each rolled back

    def __post_init__(self) -> None:
        self._test_context = contextvars.copy_context()
        self.origin = static_server_origin()
        self.context = self.browser.new_context(
            base_url=self.origin, locale=self.locale, accept_downloads=False
        )
        # Everything but the static files, which a plain server on the same origin sends:
        # through the browser's own network stack they cost a tenth of a fulfilled route.
        static = self.origin + settings.STATIC_URL
        self.context.route(lambda url: not url.startswith(static), self._handle)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: dialog.accept())

    def close(self) -> None:
        self.context.close()

    def goto(self, url: str) -> Answer | None:
        """Open `url`; the app's answer if it is a page the browser shows (HTML), else None
        (a file, a redirect that ends in a file)."""
        before = len(self.documents)
        self.page.goto(url, wait_until="load")
        return self._arrived(before)

    def follow(self, act: Callable[[], Any]) -> Answer | None:
        """Do `act` (a click that loads a page) and arrive where the app sends the browser."""
        before = len(self.documents)
        with self.page.expect_navigation(wait_until="load"):
            act()
        return self._arrived(before)

    def submit_empty(self, form: Form, nth: int) -> Answer | None:
        """Send the `nth` form on the page that posts to `form.action` with no data (as
        core/tests/formwalk.send(form, {}) does), the way the browser sends it: a navigation,
        or htmx swapping the answer in. What the server did is rolled back. The POST's
        answer, or None if none came (the form was not found, or sent nothing)."""
        posts, documents = len(self.posts), len(self.documents)
        self.empty_posts = True
        try:
            how = self.page.evaluate(_FIND_FORM, [form.action, nth])
            if how == "page":
                with self.page.expect_navigation(wait_until="load"):
                    self.page.evaluate(_SUBMIT, [form.action, nth])
            elif how == "htmx":
                with contextlib.suppress(PlaywrightError):  # htmx may load another page
                    self.page.evaluate(_SUBMIT_HTMX, [form.action, nth])
                self.page.wait_for_load_state("load")
        finally:
            self.empty_posts = False
        if how == "missing":
            raise AssertionError(f"{self.page.url}: no form #{nth} posting to {form.action}")
        self._arrived(documents)
        return self.posts[posts] if len(self.posts) > posts else None

    def _arrived(self, before: int) -> Answer | None:
        """After a navigation: follow the app's redirects (see `_serve`), let htmx settle, and
        give the page's answer if it is a page (HTML), else None."""
        for _hop in range(10):
            if len(self.documents) == before or not self.documents[-1].location:
                break
            before = len(self.documents)
            self.page.goto(self.documents[-1].location, wait_until="load")
        settle(self.page)
        answer = self.documents[-1] if len(self.documents) > before else None
        return answer if answer is not None and answer.shown else None

    # -- serving -------------------------------------------------------------------------

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.csp.append(f"{self.page.url}: {message.text}")

    def _handle(self, route: Any, request: Any) -> None:
        try:
            self._serve(route, request)
        except Exception as error:  # shown in the test's failure, not lost in Playwright
            self.errors.append(f"{request.method} {request.url}: {error!r}")
            route.abort()

    def _serve(self, route: Any, request: Any) -> None:
        parts = urlsplit(request.url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.stray.append(request.url)
            route.abort()
            return
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = {
            name: value
            for name, value in request.headers.items()
            # The browser's Host (the static server's address) stays: absolute URLs the app
            # builds, a redirect's or the language switcher's check of the Referer, match it.
            if name.lower() not in ("cookie", "content-length", "content-type")
        }
        navigation = request.is_navigation_request() and request.frame == self.page.main_frame
        body_sent = request.post_data_buffer or b""
        kind = request.headers.get("content-type", "application/octet-stream")

        def answer_it() -> tuple[Any, bytes]:
            if request.method == "POST" and self.empty_posts:
                response = _rolled_back(
                    lambda client: client.post(parts.path, {}, headers=headers), self.client
                )
            else:
                response = self.client.generic(
                    request.method, path, data=body_sent, content_type=kind, headers=headers
                )
            if not navigation:
                # A redirect answering htmx or a fetch is followed here (the browser cannot be
                # handed one, below); htmx's own HX-Redirect header passes through as it is.
                for _hop in range(10):
                    if not _is_redirect(response):
                        break
                    response = self.client.get(response["Location"], headers=headers)
            return response, _body(response)

        # Playwright calls route handlers in a greenlet of its own, with its own context
        # variables; with an event loop running, Django keeps its database connection in one
        # (asgiref's Local), so there it would open another connection, which cannot see the
        # test's open transaction. Run in the test's context: the test's connection.
        response, body = self._test_context.run(answer_it)
        answer = Answer(
            request.method,
            path,
            response.status_code,
            response.get("Content-Type", ""),
            body,
            response["Location"] if _is_redirect(response) else "",
        )
        if request.method == "POST":
            self.posts.append(answer)
        if navigation:
            self.documents.append(answer)
        if navigation and not answer.shown:
            # Chromium does not follow a redirect that an intercepted request is fulfilled
            # with (it goes to the network for the first URL instead: ERR_NAME_NOT_RESOLVED),
            # so the page gets an empty stand-in and `_arrived` opens the new address, as the
            # browser would (a 302 or 303 after a POST is a GET). A file (PDF, CSV, calendar)
            # or a 204 is no page either: the stand-in again, so the navigation ends.
            route.fulfill(status=200, headers={"Content-Type": "text/plain"}, body=b"")
            return
        out = {
            name: value
            for name, value in response.items()
            if name.lower() not in ("content-length", "set-cookie")
        }
        route.fulfill(status=response.status_code, headers=out, body=body)


def _is_redirect(response: Any) -> bool:
    return response.status_code in (301, 302, 303, 307, 308) and response.has_header("Location")


def _rolled_back(send: Callable[[Client], Any], client: Client) -> Any:
    """`send` through a copy of `client` (its cookies, so its login and language), in a
    savepoint rolled back after: a form sent empty changes nothing for the next one, and
    the log-out button or the language switcher leaves the original's session as it was."""
    twin = Client(raise_request_exception=False)
    twin.cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        response = send(twin)
        _body(response)
        transaction.set_rollback(True)
    return response


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        if not hasattr(response, "_axe_body"):
            response._axe_body = b"".join(response.streaming_content)
        return response._axe_body  # type: ignore[no-any-return]
    return response.content  # type: ignore[no-any-return]


_STATIC: dict[str, tuple[int, str, bytes]] = {}


def _static(name: str) -> tuple[int, str, bytes]:
    """A file from the static folders (as whitenoise serves them in demo mode), kept in memory:
    the same few style sheets, scripts and fonts load on every page."""
    if name not in _STATIC:
        found = finders.find(name)
        if not found or not isinstance(found, str):
            _STATIC[name] = (404, "text/plain", b"")
        else:
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind.endswith("javascript"):
                kind += "; charset=utf-8"
            _STATIC[name] = (200, kind, Path(found).read_bytes())
    return _STATIC[name]


class _StaticFiles(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        path = urlsplit(self.path).path
        name = path[len(settings.STATIC_URL) :] if path.startswith(settings.STATIC_URL) else ""
        status, kind, body = _static(name) if name else (404, "text/plain", b"")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        with contextlib.suppress(ConnectionError):  # the browser left the page meanwhile
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a connection the browser dropped: nothing to report


@functools.cache
def static_server_origin() -> str:
    """The origin the browser talks to: a server on the loopback that sends the static files
    (nothing else: every other request is answered by the test client, in AppServer), started
    once for the test run in a daemon thread."""
    server = _QuietServer(("127.0.0.1", 0), _StaticFiles)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True, name="axe-static").start()
    return f"http://127.0.0.1:{server.server_address[1]}"


# -- in the browser ----------------------------------------------------------------------

# Waits until htmx has nothing in flight or settling (the header's notification badge loads
# after the page): axe should see the page as it stands, not half-swapped.
_SETTLE = """() => new Promise(resolve => {
    const busy = () => document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping');
    let rounds = 0;
    const check = () => (busy() && rounds++ < 200) ? setTimeout(check, 10) : resolve();
    setTimeout(check, 0);
})"""


def settle(page: Any) -> None:
    page.evaluate(_SETTLE)


# The form is found as formwalk.parse_forms names it: the nth of the page's forms whose hx-post,
# hx-get or action (or else the page's own address) has the path `action`.
_FORMS = """([action, nth]) => [...document.querySelectorAll('form')].filter(f =>
    new URL(f.getAttribute('hx-post') || f.getAttribute('hx-get') || f.getAttribute('action')
            || location.href, location.href).pathname === action)[nth]"""

_FIND_FORM = f"""(args) => {{
    const form = ({_FORMS})(args);
    if (!form) return 'missing';
    return form.hasAttribute('hx-post') || form.hasAttribute('hx-get') ? 'htmx' : 'page';
}}"""

# Sent as a person would with the submit button, less the browser's own validation (the forms
# say novalidate; the server's messages are what is checked). After this script returns.
_SUBMIT = f"""(args) => {{
    const form = ({_FORMS})(args);
    form.noValidate = true;
    setTimeout(() => form.requestSubmit(), 0);
}}"""

_SUBMIT_HTMX = f"""(args) => new Promise(resolve => {{
    const form = ({_FORMS})(args);
    form.noValidate = true;
    const done = () => setTimeout(resolve, 30);
    for (const event of ['htmx:afterSettle', 'htmx:responseError', 'htmx:sendError']) {{
        document.addEventListener(event, done, {{once: true}});
    }}
    setTimeout(resolve, 5000);
    form.requestSubmit();
}})"""

_AXE = """(options) => axe.run(document, options).then(result => result.violations.map(v => ({
    rule: v.id, impact: v.impact || '', help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')),
    summary: v.nodes.map(n => n.failureSummary || '').join(' | '),
})))"""


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe(page: Any, run_only: list[str] | None = None) -> list[Violation]:
    """axe-core's violations on the page as it stands (the WCAG A/AA and best-practice rules)."""
    options = {
        "runOnly": {"type": "tag", "values": run_only or RUN_ONLY},
        "resultTypes": ["violations"],
    }
    if not page.evaluate("() => !!window.axe"):
        # Through the DevTools protocol, which the page's CSP does not govern (a <script> the
        # page added would be refused). Only where axe runs: not on every page the walk opens.
        page.evaluate(_axe_source())
    found = page.evaluate(_AXE, options)
    return [
        Violation(v["rule"], v["impact"], v["help"], tuple(v["targets"]), v["summary"])
        for v in found
    ]
