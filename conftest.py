import contextvars
import os

os.environ.setdefault("BROBYGGER_TESTING", "1")

import pytest  # noqa: E402

from brobygger.testing import Personas, build_personas  # noqa: E402


@pytest.fixture
def personas(db) -> Personas:
    return build_personas()


@pytest.fixture(autouse=True)
def _private_storage(tmp_path, settings):
    """Uploaded files go to a per-test folder, never into var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_chromium() -> None:
    """Fails in CI when Chromium is missing (.ci/run installs it); skips on a developer machine
    without it so `make test` still runs everything else."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run should have installed it")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test itself
    # makes are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture
def chromium():
    """Debian's Chromium through Playwright, with no server behind it: for tests that answer
    the browser's requests themselves (core/tests/axewalk.py serves them from Django's test
    client, inside the test's transaction)."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(live_server, transactional_db):
    """A Playwright page in Debian's Chromium against the live server (skipped or failed as
    `_require_chromium` says when Chromium is missing)."""
    _require_chromium()
    # transactional_db's flush after an earlier browser test removes the reference data that
    # a data migration loaded; put it back (idempotent).
    from brobygger.organisations.models import County, Municipality
    from brobygger.organisations.reference_data import load_reference_data

    load_reference_data(County, Municipality)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="nb-NO")
        page = context.new_page()
        page.csp_violations = []  # type: ignore[attr-defined]
        page.on(
            "console",
            lambda msg: (
                page.csp_violations.append(msg.text)  # type: ignore[attr-defined]
                if "Content Security Policy" in msg.text
                else None
            ),
        )
        yield page
        context.close()
        browser.close()


# --- Security (H4): brobygger/core/tests/logscan.py keeps every log line and request path of
# the run and every person's name the tests create, and scans them at the end (also across
# pytest-xdist workers); see core/tests/test_log_privacy.py. Add other plugins to this list.
pytest_plugins = [
    "brobygger.core.tests.logscan",
    "brobygger.core.tests.dbroles",  # the PostgreSQL suite as the runtime role (ADR 0013)
]  # --- end of the security block ---


# --- Login and MFA (accounts, ADR 0007) -----------------------------------------------------
# `client.force_login(user)` (and `client.login(...)`) stands for a *full* login: the session
# gets the password and MFA steps recorded exactly as allauth records them after a real MFA step
# (brobygger.accounts.testing.record_full_login), so the MFA middleware lets it through.
# Tests of login, MFA and sessions themselves use the real flow instead: mark them
# `@pytest.mark.real_login` and force_login then logs in with the password step only (as a user
# who has not done MFA yet), or post to /konto/login/ as a browser would.
_test_client_login = contextvars.ContextVar("_test_client_login", default=False)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "real_login: force_login does not mark the session as having passed MFA"
    )


def _record_full_login(sender, request, user, **kwargs):
    if _test_client_login.get():
        from brobygger.accounts.testing import record_full_login

        record_full_login(request, user)


@pytest.fixture(autouse=True)
def _bokmal_to_begin_with():
    """Each test starts in bokmål: a request served in another language (the language tests)
    leaves that language active in the thread, and tests that call selectors directly would
    read it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _force_login_is_a_full_login(request, monkeypatch):
    if request.node.get_closest_marker("real_login"):
        yield
        return
    from django.contrib.auth.signals import user_logged_in
    from django.test.client import ClientMixin

    original = ClientMixin._login

    def _login(self, user, backend=None):
        token = _test_client_login.set(True)
        try:
            original(self, user, backend)
        finally:
            _test_client_login.reset(token)

    monkeypatch.setattr(ClientMixin, "_login", _login)
    user_logged_in.connect(_record_full_login, dispatch_uid="conftest.full_login")
    yield
    user_logged_in.disconnect(dispatch_uid="conftest.full_login")


_after_real_commits = {"pending": False}


@pytest.fixture(autouse=True)
def _tests_with_real_commits_leave_no_trace(request, django_db_blocker):
    """After a test with real commits (browser journeys, transactional_db) the next test starts
    clean: the login rate-limit counters and used TOTP codes in the database cache are cleared,
    so they do not count against it, and the reference data the flush removed is put back. (Done
    at the next test's start: pytest-django's live_server flushes after this fixture's teardown.)"""
    if _after_real_commits["pending"]:
        from django.core.cache import cache

        from brobygger.organisations.models import County, Municipality
        from brobygger.organisations.reference_data import load_reference_data

        with django_db_blocker.unblock():
            cache.clear()
            load_reference_data(County, Municipality)
        _after_real_commits["pending"] = False
    yield
    if "transactional_db" in request.fixturenames:
        _after_real_commits["pending"] = True


# --- end of login and MFA ------------------------------------------------------------------
