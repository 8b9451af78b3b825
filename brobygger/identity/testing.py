"""A real OpenID Provider on loopback for tests: the ID-porten and Entra ID stand-in.

`OIDCTestProvider.start()` runs `scripts/oidc-test-provider.mjs` (panva's oidc-provider from
node_modules) on 127.0.0.1; `complete_authorization()` logs in on its form the way a browser
would and hands back the callback URL for the client under test. The `oidc_provider` fixture
(session-scoped; import it into a conftest) starts one provider for the whole run, so tests
that add accounts should give them logins of their own.

Both clients accept `client_secret_post` and `client_secret_basic`, PKCE (S256) is required,
and any redirect_uri on http://127.0.0.1:*, http://localhost:* or http://testserver is
accepted.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

import pytest
import requests

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "oidc-test-provider.mjs"
PACKAGE = REPO_ROOT / "node_modules" / "oidc-provider"

# (client_id, client_secret) of the two clients the provider knows.
IDPORTEN_CLIENT = ("idporten-test", "idporten-test-secret-0123456789")
ENTRA_CLIENT = ("entra-test", "entra-test-secret-0123456789")

START_TIMEOUT = 20.0
HTTP_TIMEOUT = 10.0
MAX_STEPS = 10


class OIDCTestProviderError(RuntimeError):
    pass


class OIDCTestProvider:
    """One running provider process. Use `start()`; `stop()` when done (or `with`)."""

    def __init__(
        self,
        *,
        process: subprocess.Popen[str],
        issuer: str,
        workdir: tempfile.TemporaryDirectory[str],
    ) -> None:
        self.process = process
        self.issuer = issuer
        self._workdir = workdir
        self.config_path = Path(workdir.name) / "config.json"
        self._config: dict[str, Any] = json.loads(self.config_path.read_text())

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    @classmethod
    def start(cls, *, port: int = 0, timeout: float = START_TIMEOUT) -> OIDCTestProvider:
        """Starts the provider and waits for it to listen. Port 0 (the default) lets the OS pick
        a free one inside the Node process, so no other process can take it in between."""
        missing = missing_prerequisite()
        if missing:
            raise OIDCTestProviderError(missing)
        node = shutil.which("node")
        assert node is not None
        workdir = tempfile.TemporaryDirectory(prefix="oidc-test-provider-")
        config_path = Path(workdir.name) / "config.json"
        _write_json(config_path, _initial_config())
        stderr_path = Path(workdir.name) / "stderr.log"
        with stderr_path.open("w") as stderr:
            # stdin stays open: the script exits when it closes, i.e. also when this process dies.
            process = subprocess.Popen(  # noqa: S603 (fixed arguments, no shell)
                [node, str(SCRIPT), str(config_path), str(port)],
                cwd=REPO_ROOT,
                env={**os.environ, "OIDC_TEST_PROVIDER_WATCH_STDIN": "1"},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
        assert process.stdout is not None
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True).start()
        try:
            first = lines.get(timeout=timeout)
            why = "exited" if first == "" else "printed something else than READY"
        except queue.Empty:
            first, why = "", f"was not ready in {timeout:.0f} s"
        if not first.startswith("READY "):
            _end(process)
            error = stderr_path.read_text()
            workdir.cleanup()
            raise OIDCTestProviderError(
                f"the OIDC test provider {why} (exit code {process.returncode}); "
                f"stdout: {first!r}; stderr:\n{error}"
            )
        return cls(process=process, issuer=first.split(" ", 1)[1].strip(), workdir=workdir)

    def add_account(
        self,
        login: str,
        *,
        claims: dict[str, Any],
        acr: str | None = "idporten-loa-substantial",
        amr: Sequence[str] = ("BankID",),
    ) -> None:
        """An account that can log in as `login` from now on (replacing one of the same login).
        `claims` go into the id_token and userinfo (`sub` defaults to the login); acr and amr
        into the id_token (acr=None: no acr claim, as in Entra ID's tokens)."""
        self._config["accounts"][login] = {"claims": dict(claims), "acr": acr, "amr": list(amr)}
        _write_json(self.config_path, self._config)

    def stop(self) -> None:
        _end(self.process)
        self._workdir.cleanup()

    def __enter__(self) -> OIDCTestProvider:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def missing_prerequisite() -> str | None:
    """Why the provider cannot start here, or None."""
    if shutil.which("node") is None:
        return "node is not installed (Node 20 or later)"
    if not PACKAGE.is_dir():
        return "node_modules/oidc-provider is missing (run `make assets`, i.e. npm ci)"
    return None


def complete_authorization(authorize_url: str, login: str, *, cancel: bool = False) -> str:
    """Drives the provider like a browser: opens `authorize_url`, logs in as `login` on the
    form (or presses "Avbryt") and returns the first redirect that leaves the provider, not
    fetched: the client's redirect_uri with `code` and `state`, or with `error`."""
    provider = _origin(authorize_url)
    posted = False
    with requests.Session() as browser:
        response = browser.get(authorize_url, allow_redirects=False, timeout=HTTP_TIMEOUT)
        for _ in range(MAX_STEPS):
            if response.is_redirect:
                location = urljoin(response.url, response.headers["Location"])
                if _origin(location) != provider:
                    return location
                response = browser.get(location, allow_redirects=False, timeout=HTTP_TIMEOUT)
                continue
            form = _LoginForm.parse(response.text) if response.status_code == 200 else None
            if form is None:
                raise OIDCTestProviderError(
                    f"no login form at {response.url} ({response.status_code}):\n{response.text}"
                )
            if posted:
                reason = form.error or "the form came back"
                raise OIDCTestProviderError(f"the provider refused login {login!r}: {reason}")
            response = browser.post(
                urljoin(response.url, form.action),
                data={"cancel": "1"} if cancel else {"login": login},
                allow_redirects=False,
                timeout=HTTP_TIMEOUT,
            )
            posted = True
        raise OIDCTestProviderError(f"more than {MAX_STEPS} steps on the provider")


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[OIDCTestProvider]:
    """One OIDC test provider for the session. Skips without node or node_modules on a
    developer machine; fails in CI (`CI` set), where .ci/run installs both."""
    missing = missing_prerequisite()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"OIDC test provider: {missing}")
        pytest.skip(f"OIDC test provider: {missing}")
    provider = OIDCTestProvider.start()
    yield provider
    provider.stop()


class _LoginForm(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.error = ""
        self._in_alert = False

    @classmethod
    def parse(cls, html: str) -> _LoginForm | None:
        form = cls()
        form.feed(html)
        return form if form.action is not None else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.action = attributes.get("action") or ""
        self._in_alert = attributes.get("role") == "alert"

    def handle_endtag(self, tag: str) -> None:
        self._in_alert = False

    def handle_data(self, data: str) -> None:
        if self._in_alert:
            self.error += data


def _initial_config() -> dict[str, Any]:
    return {
        "clients": [
            {
                "client_id": IDPORTEN_CLIENT[0],
                "client_secret": IDPORTEN_CLIENT[1],
                "token_endpoint_auth_method": "client_secret_post",
            },
            {"client_id": ENTRA_CLIENT[0], "client_secret": ENTRA_CLIENT[1]},
        ],
        "accounts": {},
    }


def _write_json(path: Path, data: dict[str, Any]) -> None:
    # Written next to it and renamed: the provider never reads half a file.
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(data, indent=2))
    os.replace(partial, path)


def _pump(stream: IO[str], lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)
    lines.put("")  # end of output: the process has exited


def _end(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdin:
        process.stdin.close()


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc
