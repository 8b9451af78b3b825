"""Collects every log line and request path of the test run, and every person's name the tests
create, so `test_log_privacy.py` (run last) can prove no name or national id number leaked into
a log line or a URL, and no e-mail address or password-reset link into a log line (URLs carry
those links by design). Invitation codes and calendar feed tokens are not scanned for: Django's
request log names the path of every refused request, and the suite asks for made-up invitation
and feed links on purpose; the redacting formatter blanks them in production.

A pytest plugin (listed in the root conftest.py's `pytest_plugins`): installs itself once per
session, and under pytest-xdist also scans every worker's records in the controlling process.
Records are scanned as they would be written in production (message and traceback); DEBUG-level
SQL tracing is off in tests as in production, so query parameters never reach the handler.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote_plus

import pytest
from django.core.signals import request_started
from django.db.models.signals import post_save

from brobygger.core.logfilters import (
    CALENDAR_FEED_LINK,
    EMAIL_ADDRESS,
    INVITATION_LINK,
    RESET_LINK,
    has_eleven_digits,
)

# A last name shorter than this could be an ordinary word in a log line ("Test", "Ola").
MIN_LAST_NAME = 5

LINES: list[str] = []
PATHS: list[str] = []
NAMES: set[str] = set()
_state = threading.local()
_installed = False
_formatter = logging.Formatter()


def _paused() -> bool:
    return getattr(_state, "paused", False)


@contextmanager
def paused(*, log_lines: bool = False) -> Iterator[None]:
    """For the fuzzers: their random names are not personas, their GET forms not real URLs.
    `log_lines` also leaves out the log lines (the API fuzzer's random ids: a refused
    /api/v1/participants/24511147762/ names nobody, and production blanks such a number,
    core.logfilters.RedactingFormatter); every other test's log lines are still scanned."""
    _state.paused, _state.logs_paused = True, log_lines
    try:
        yield
    finally:
        _state.paused = _state.logs_paused = False


class _Capture(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if getattr(_state, "logs_paused", False):
            return
        text = f"{record.name} {record.levelname} {record.getMessage()}"
        if record.exc_info:
            text += "\n" + _formatter.formatException(record.exc_info)
        LINES.append(text)


def _remember_names(sender: Any, instance: Any, **kwargs: Any) -> None:
    if _paused():
        return
    first = getattr(instance, "first_name", None)
    last = getattr(instance, "last_name", None)
    if not isinstance(first, str) or not isinstance(last, str):
        return
    if first.strip() and last.strip():
        NAMES.add(f"{first.strip()} {last.strip()}")
    if len(last.strip()) >= MIN_LAST_NAME:
        NAMES.add(last.strip())


def _remember_path(sender: Any, environ: dict[str, Any] | None = None, **kwargs: Any) -> None:
    if _paused() or not environ:
        return
    query = environ.get("QUERY_STRING", "")
    PATHS.append(environ.get("PATH_INFO", "") + (f"?{query}" if query else ""))


def install() -> None:
    global _installed
    if _installed:
        return
    handler = _Capture(level=logging.DEBUG)
    logging.getLogger().addHandler(handler)
    # Loggers that do not pass records up to the root need the handler themselves.
    for logger in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger) and not logger.propagate:
            logger.addHandler(handler)
    post_save.connect(_remember_names, dispatch_uid="logscan-names", weak=False)
    request_started.connect(_remember_path, dispatch_uid="logscan-paths", weak=False)
    _installed = True


def url_words() -> set[str]:
    """The fixed words of the project's URLs ("praksis", "kull"): a test person may well be
    called "Per Praksis", and a path with /praksis/ names nobody."""
    from django.urls import get_resolver

    from brobygger.core.urlwalk import walk

    get_resolver()  # URLconf loaded
    return {
        word.lower()
        for route in walk()
        for word in re.split(r"[^A-Za-zÆØÅæøå]+", route.pattern)
        if word
    }


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def leaks(texts: list[str], names: set[str], *, log_lines: bool = False) -> list[str]:
    """Texts holding an 11-digit number or one of `names` (whole words, any case), and for
    `log_lines` also an e-mail address or a password-reset link. A one-word name that is also
    a word of our URLs counts only as part of a full name.

    Names are compared as word sequences (a set lookup per run of words), not as one regular
    expression: a whole run creates tens of thousands of names, and an alternation of that
    many took minutes over the run's lines."""
    words = url_words()
    wanted = {tuple(_words(n)) for n in names if " " in n or n.lower() not in words}
    wanted.discard(())
    longest = max((len(name) for name in wanted), default=0)
    found = []
    for text in texts:
        plain = unquote_plus(text)
        if not log_lines:
            # A reset key or an invitation code in a URL is random (hex or base32) and may hold
            # 11 digits in a row; it is a secret of its own, not a national id number.
            plain = INVITATION_LINK.sub(r"\1", RESET_LINK.sub(r"\1", plain))
            plain = CALENDAR_FEED_LINK.sub(r"\1", plain)
        if has_eleven_digits(plain) or (
            log_lines and (EMAIL_ADDRESS.search(plain) or RESET_LINK.search(plain))
        ):
            found.append(text)
            continue
        tokens = _words(plain)
        if any(
            tuple(tokens[i : i + n]) in wanted
            for n in range(1, longest + 1)
            for i in range(len(tokens) - n + 1)
        ):
            found.append(text)
    return found


# Under pytest-xdist each worker holds only its own records: workers write them to the folder
# named here at the end, and the controlling process scans them all (root conftest.py).
SHARE_DIR = "BROBYGGER_LOGSCAN_DIR"


def dump(folder: str, worker: str) -> None:
    with open(os.path.join(folder, f"{worker}.json"), "w", encoding="utf-8") as out:
        json.dump({"lines": LINES, "paths": PATHS, "names": sorted(NAMES)}, out)


def leaks_in_folder(folder: str) -> tuple[int, list[str]]:
    """(workers read, leaking lines and paths) over every worker's records."""
    lines: list[str] = []
    paths: list[str] = []
    names: set[str] = set()
    files = [f for f in os.listdir(folder) if f.endswith(".json")]
    for name in files:
        with open(os.path.join(folder, name), encoding="utf-8") as source:
            data = json.load(source)
        lines += data["lines"]
        paths += data["paths"]
        names.update(data["names"])
    return len(files), leaks(lines, names, log_lines=True) + leaks(paths, names)


# --- pytest hooks -----------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _capture_logs_and_paths_for_privacy_scan() -> None:
    install()


def pytest_configure(config: pytest.Config) -> None:
    """With pytest-xdist, workers hand their records to the controller through a folder."""
    if not hasattr(config, "workerinput") and getattr(config.option, "numprocesses", None):
        import tempfile

        os.environ[SHARE_DIR] = tempfile.mkdtemp(prefix="brobygger-logscan-")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    folder = os.environ.get(SHARE_DIR)
    if not folder:
        return
    workerinput = getattr(session.config, "workerinput", None)
    if workerinput is not None:
        dump(folder, workerinput["workerid"])
        return
    import shutil

    workers, found = leaks_in_folder(folder)
    shutil.rmtree(folder, ignore_errors=True)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"Log privacy scan over {workers} workers: {len(found)} leaks")
        for line in found[:20]:
            reporter.write_line(f"  {line[:200]}")
    if found:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
