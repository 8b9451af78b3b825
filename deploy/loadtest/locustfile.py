"""Locust users for deploy/loadtest/load.py: staff already logged in (load.py logs each in
through the login and MFA forms first and hands over the cookies), who read the pages a
coordinator uses and now and then add a session to the running cohort through its form.

Each request is timed by the listener below and written to LOAD_RESULTS when Locust stops:
reads (every GET, the form's included) and writes (the POST), each with its status, so
load.py can print p50/p95 and the error rate. A write counts as an error unless the app
answered with the redirect that follows a save.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
import threading
from pathlib import Path

from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
import client as browser_client  # noqa: E402

SESSIONS = json.loads(Path(os.environ["LOAD_SESSIONS"]).read_text())
WAIT_MIN = float(os.environ.get("LOAD_WAIT_MIN", "5"))
WAIT_MAX = float(os.environ.get("LOAD_WAIT_MAX", "15"))
_numbers = itertools.count()
_lock = threading.Lock()
RESULTS: dict[str, list] = {"read": [], "write": []}


@events.request.add_listener
def _timed(request_type, name, response_time, response_length, response, exception, **kwargs):
    kind = "write" if request_type == "POST" else "read"
    ok = exception is None
    if ok and kind == "write":
        ok = response.status_code == 302 and response.headers.get("Location", "").endswith(
            "/okter/"
        )
    elif ok:
        ok = response.status_code == 200
    RESULTS[kind].append((response_time, ok))


@events.quitting.add_listener
def _write_results(environment, **kwargs):
    Path(os.environ["LOAD_RESULTS"]).write_text(json.dumps(RESULTS))


class Coordinator(HttpUser):
    wait_time = between(WAIT_MIN, WAIT_MAX)

    def on_start(self) -> None:
        with _lock:
            self.number = next(_numbers)
        account = SESSIONS["sessions"][self.number % len(SESSIONS["sessions"])]
        self.client.cookies.update(account["cookies"])
        self.client.mount(
            "http://",
            browser_client.SourceAddressAdapter(browser_client.source_address(self.number)),
        )
        self.cohort = SESSIONS["cohorts"][self.number % len(SESSIONS["cohorts"])]
        self.writes = 0
        self.rng = random.Random(self.number)  # noqa: S311 - a load pattern, not a secret

    def read(self, template: str) -> None:
        path = template.format(cohort=self.cohort["id"])
        self.client.get(path, name=f"GET {template}", allow_redirects=False)

    @task(3)
    def home(self) -> None:
        self.read("/")

    @task(2)
    def cohort_list(self) -> None:
        self.read("/kull/")

    @task(2)
    def cohort_sessions(self) -> None:
        self.read("/kull/{cohort}/okter/")

    @task(2)
    def cohort_overview(self) -> None:
        self.read("/kull/{cohort}/")

    @task(3)
    def add_session(self) -> None:
        """GET the form, POST it (a slot no other user takes: n-th write of user u)."""
        url = f"/kull/{self.cohort['id']}/okter/ny/"
        page = self.client.get(url, name="GET /kull/{cohort}/okter/ny/")
        if page.status_code != 200:
            return
        where = browser_client.slot(
            self.cohort, self.writes * len(SESSIONS["sessions"]) + self.number
        )
        self.writes += 1
        self.client.post(
            url,
            data={
                "csrfmiddlewaretoken": browser_client.csrf(page.text),
                "date": where.day.isoformat(),
                "start_time": where.start.strftime("%H:%M"),
                "end_time": where.end.strftime("%H:%M"),
                "topic": f"last {self.number}-{self.writes}",
                "teacher": "",
            },
            headers={"Referer": self.client.base_url + url},
            name="POST /kull/{cohort}/okter/ny/",
            allow_redirects=False,
        )
