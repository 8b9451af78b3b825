"""What a staff user's browser does, for the two-server test and the load test: log in through
the login and MFA forms (the code computed as an authenticator app does), read pages, and add a
session to a cohort through its form (a POST that creates one row, counted afterwards).

Each user's connections leave from an address of its own in 127.0.0.0/8, as users come from
many addresses: the proxy passes it on (X-Forwarded-For) and the app's per-address login limits
(30 a minute) apply per user, as in production.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import struct
import time
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Writes land in distinct minutes of the cohort's days, so two never clash (one planned session
# per time slot, programmes.session_services).
SLOTS_PER_DAY = 23 * 60


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238: HMAC-SHA1, 30-second steps, 6 digits (allauth's defaults)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int(time.time() if at is None else at) // 30
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


class SourceAddressAdapter(HTTPAdapter):
    def __init__(self, address: str, **kwargs: Any) -> None:
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def source_address(n: int) -> str:
    """127.0.1.1, 127.0.1.2, ... : one loopback address per user (up to 65,000)."""
    return f"127.0.{1 + n // 250}.{1 + n % 250}"


def browser(n: int) -> requests.Session:
    session = requests.Session()
    adapter = SourceAddressAdapter(source_address(n), pool_connections=1, pool_maxsize=1)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = "brobygger-loadtest"
    return session


def csrf(html: str) -> str:
    match = CSRF_INPUT.search(html)
    if match is None:
        raise RuntimeError("no CSRF token in the page")
    return match[1]


class LoginFailed(RuntimeError):
    pass


def log_in(session: requests.Session, base: str, username: str, password: str, secret: str) -> None:
    page = session.get(f"{base}/konto/login/", timeout=30)
    page.raise_for_status()
    answer = session.post(
        f"{base}/konto/login/",
        data={"csrfmiddlewaretoken": csrf(page.text), "login": username, "password": password},
        headers={"Referer": f"{base}/konto/login/"},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302 or "/konto/2fa/authenticate/" not in answer.headers["Location"]:
        raise LoginFailed(f"{username}: password step answered {answer.status_code}")
    page = session.get(f"{base}/konto/2fa/authenticate/", timeout=30)
    # A code is accepted once per 30-second step; each user logs in once.
    answer = session.post(
        f"{base}/konto/2fa/authenticate/",
        data={"csrfmiddlewaretoken": csrf(page.text), "code": totp(secret)},
        headers={"Referer": f"{base}/konto/2fa/authenticate/"},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise LoginFailed(f"{username}: MFA step answered {answer.status_code}")


@dataclass(frozen=True)
class Slot:
    day: dt.date
    start: dt.time
    end: dt.time


def slot(cohort: dict[str, str], n: int) -> Slot:
    """The n-th free minute of the cohort (weekdays from its start, 00:00-23:00): unique per n."""
    first = dt.date.fromisoformat(cohort["start"])
    day_index, minute = divmod(n, SLOTS_PER_DAY)
    day = first + dt.timedelta(days=day_index)
    if day > dt.date.fromisoformat(cohort["end"]):
        raise RuntimeError("the cohort has no free slot left")
    start = dt.datetime.combine(day, dt.time(0, 0)) + dt.timedelta(minutes=minute)
    end = start + dt.timedelta(minutes=1)
    return Slot(day=day, start=start.time(), end=end.time())


def add_session(
    session: requests.Session, base: str, cohort: dict[str, str], n: int, topic: str
) -> requests.Response:
    """GET the form, POST it: 302 to the cohort's sessions when the session was saved."""
    url = f"{base}/kull/{cohort['id']}/okter/ny/"
    page = session.get(url, timeout=30)
    page.raise_for_status()
    where = slot(cohort, n)
    return session.post(
        url,
        data={
            "csrfmiddlewaretoken": csrf(page.text),
            "date": where.day.isoformat(),
            "start_time": where.start.strftime("%H:%M"),
            "end_time": where.end.strftime("%H:%M"),
            "topic": topic,
            "teacher": "",
        },
        headers={"Referer": url},
        allow_redirects=False,
        timeout=30,
    )


def saved(response: requests.Response, cohort: dict[str, str]) -> bool:
    return response.status_code == 302 and response.headers.get("Location", "").endswith(
        f"/kull/{cohort['id']}/okter/"
    )


READ_PATHS = ("/", "/kull/", "/kull/{cohort}/okter/", "/kull/{cohort}/")
