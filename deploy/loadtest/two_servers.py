"""The two-server test (.ci/run): two gunicorn app servers and one job worker on one PostgreSQL
database behind HAProxy, on loopback. Logged-in coordinators read pages and add sessions
through the session form for a bounded time; halfway, one app server (master and workers) is
killed with SIGKILL. Then:

- lost writes: sessions whose POST the client saw succeed (302) that are not in the database.
  Must be 0.
- failed requests outside the killed server's in-flight ones: a request that failed although
  it was not running when the server died (it started after the kill, or ended before it).
  Must be 0: the proxy sends new requests to the live server at once.
- the audit trail's hash chain still verifies (`verify_audit`): a transaction cut off mid-way
  leaves no hole or fork.

Prints the figures; exits 1 if any of these fails.

    .venv/bin/python deploy/loadtest/two_servers.py [--seconds 30] [--clients 12]
"""

from __future__ import annotations

import argparse
import random
import secrets
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import client as browser_client  # noqa: E402
import requests  # noqa: E402
from stack import Stack, log, psql  # noqa: E402

WRITE_SHARE = 0.3


@dataclass
class Outcome:
    kind: str  # "read" or "write"
    started: float
    ended: float
    ok: bool
    detail: str = ""
    topic: str = ""


class Clients:
    def __init__(self, stack: Stack, run_id: str, count: int) -> None:
        self.stack = stack
        self.run_id = run_id
        self.count = count
        self.outcomes: list[Outcome] = []
        self.lock = threading.Lock()
        self.next_slot = 0
        self.stop = threading.Event()
        self.login_failures: list[str] = []

    def slot(self) -> int:
        with self.lock:
            self.next_slot += 1
            return self.next_slot

    def record(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)

    def log_in(self, n: int) -> requests.Session | None:
        seed = self.stack.seed
        account = seed["users"][n]
        session = browser_client.browser(n)
        try:
            browser_client.log_in(
                session, self.stack.base, account["username"], seed["password"], account["secret"]
            )
        except Exception as exc:
            self.login_failures.append(f"{account['username']}: {exc}")
            return None
        return session

    def user(self, n: int, session: requests.Session) -> None:
        cohort = self.stack.seed["cohorts"][n % len(self.stack.seed["cohorts"])]
        base = self.stack.base
        rng = random.Random(n)  # noqa: S311 - a load pattern, not a secret
        while not self.stop.is_set():
            started = time.monotonic()
            if rng.random() < WRITE_SHARE:
                topic = f"to-servere {self.run_id} {n}-{self.slot()}"
                try:
                    answer = browser_client.add_session(session, base, cohort, self.slot(), topic)
                    ok = browser_client.saved(answer, cohort)
                    detail = str(answer.status_code)
                except Exception as exc:
                    ok, detail = False, type(exc).__name__
                self.record(Outcome("write", started, time.monotonic(), ok, detail, topic))
            else:
                path = rng.choice(browser_client.READ_PATHS).format(cohort=cohort["id"])
                try:
                    answer = session.get(base + path, timeout=30, allow_redirects=False)
                    ok, detail = answer.status_code == 200, str(answer.status_code)
                except Exception as exc:
                    ok, detail = False, type(exc).__name__
                self.record(Outcome("read", started, time.monotonic(), ok, detail))

    def run(self, seconds: float, kill_at: float, kill: Callable[[], None]) -> float:
        """Everyone logs in first (the password hash is slow on purpose), then the clock runs."""
        with ThreadPoolExecutor(max_workers=4) as pool:
            sessions = list(pool.map(self.log_in, range(self.count)))
        log(f"{sum(1 for s in sessions if s)} of {self.count} clients logged in (password + code)")
        threads = [
            threading.Thread(target=self.user, args=(n, session))
            for n, session in enumerate(sessions)
            if session is not None
        ]
        for thread in threads:
            thread.start()
        began = time.monotonic()
        time.sleep(kill_at)
        killed_at = time.monotonic()
        kill()
        log(f"killed app1 (SIGKILL to master and workers) after {killed_at - began:.1f} s")
        time.sleep(max(0.0, seconds - (time.monotonic() - began)))
        self.stop.set()
        for thread in threads:
            thread.join(timeout=60)
        return killed_at


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--keep", action="store_true", help="keep the database and logs")
    args = parser.parse_args()

    stack = Stack(
        database="brobygger_deploy_two_servers",
        app_ports=[18101, 18102],
        proxy_port=18100,
        users=args.clients,
    )
    run_id = secrets.token_hex(4)
    failed = True
    try:
        stack.prepare()
        stack.start_all()
        stack.wait_ready()
        log(f"two app servers, a worker and HAProxy ready at {stack.base}; /readyz 200")
        clients = Clients(stack, run_id, args.clients)
        killed_at = clients.run(args.seconds, args.seconds / 2, lambda: stack.kill("app1"))

        stored = set(
            psql(
                f"SELECT topic FROM programmes_session WHERE topic LIKE 'to-servere {run_id} %'",
                stack.database,
            ).split("\n")
        ) - {""}
        outcomes = clients.outcomes
        writes_ok = {o.topic for o in outcomes if o.kind == "write" and o.ok}
        lost = writes_ok - stored
        unacknowledged = stored - writes_ok
        failures = [o for o in outcomes if not o.ok]
        in_flight = [o for o in failures if o.started <= killed_at <= o.ended]
        outside = [o for o in failures if not (o.started <= killed_at <= o.ended)]
        after_kill_ok = sum(1 for o in outcomes if o.ok and o.started > killed_at)
        verify = stack.manage_status("verify_audit")

        reads = [o for o in outcomes if o.kind == "read"]
        writes = [o for o in outcomes if o.kind == "write"]
        print("== two-server test")
        print(
            f"clients (logged-in coordinators): {args.clients}, login failures: "
            f"{len(clients.login_failures)}"
        )
        print(
            f"requests: {len(reads)} reads, {len(writes)} writes in {args.seconds:.0f} s; "
            f"{after_kill_ok} succeeded after the kill"
        )
        print(f"writes the client saw succeed: {len(writes_ok)}; in the database: {len(stored)}")
        print(f"lost writes: {len(lost)}")
        print(f"writes saved but not acknowledged (in flight at the kill): {len(unacknowledged)}")
        print(
            f"failed requests in flight at the kill: {len(in_flight)} "
            f"({', '.join(sorted({o.detail for o in in_flight})) or '-'})"
        )
        print(
            f"failed requests outside those: {len(outside)} "
            f"({', '.join(sorted({o.detail for o in outside})) or '-'})"
        )
        print(f"verify_audit after the kill: {'ok' if verify == 0 else 'FAILED'}")
        for line in clients.login_failures[:5]:
            print(f"  login failure: {line}")
        failed = bool(
            lost
            or outside
            or clients.login_failures
            or verify != 0
            or not writes_ok
            or not after_kill_ok
        )
        if failed:
            for name in ("app1", "app2", "worker", "proxy"):
                print(f"-- {name} log (tail)\n{stack.tail(name)}")
        print("two-server test: " + ("FAILED" if failed else "passed"))
    finally:
        stack.stop(drop=not (args.keep or failed))
        if failed:
            print(f"logs kept in {stack.tmp}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
