import os

os.environ.setdefault("BROBYGGER_TESTING", "1")

import pytest  # noqa: E402

from brobygger.core.testing import Personas, build_personas  # noqa: E402


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


@pytest.fixture
def browser_page(live_server, transactional_db):
    """A Playwright page in Debian's Chromium against the live server.

    Fails in CI when Chromium is missing (.ci/run installs it); skips on a developer machine
    without it so `make test` still runs everything else.
    """
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run should have installed it")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test itself
    # makes are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # transactional_db's flush after an earlier browser test removes the reference data that
    # a data migration loaded; put it back (idempotent).
    from brobygger.organisations.models import County, Municipality
    from brobygger.organisations.reference_data import load_reference_data

    load_reference_data(County, Municipality)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
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
