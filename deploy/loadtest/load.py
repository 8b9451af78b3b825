"""The load test: N logged-in staff users (default 300, three times an expected national peak)
against the production-shaped stack on loopback (deploy/loadtest/stack.py: gunicorn app
servers and a worker on PostgreSQL behind HAProxy), for a bounded time, with Locust. Prints
p50/p95 for reads and writes, the error rate and the login figures. Not a test with a verdict:
the figures are for the reader (README, "Production"; issue 16 asks for p95 < 500 ms for reads,
< 1 s for writes, errors < 0.1 %).

    .venv/bin/python deploy/loadtest/load.py                  # 300 users, 60 s
    .venv/bin/python deploy/loadtest/load.py --full           # 300 users, 5 minutes
    .venv/bin/python deploy/loadtest/load.py --users 100 --seconds 60 --servers 2 --workers 3

Each user first logs in through the login and MFA forms (4 at a time; the password hash is
slow on purpose, and that storm is reported on its own line), then waits LOAD_WAIT_MIN..MAX
seconds (default 5-15, `--wait`) between clicks: reads of the home page, the cohort list, a
cohort's sessions and overview, and writes (the session form, GET and POST).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import client as browser_client  # noqa: E402
from stack import VENV_BIN, Stack, log  # noqa: E402

HERE = Path(__file__).resolve().parent


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def log_in_all(stack: Stack) -> tuple[list[dict], list[float], int]:
    seed = stack.seed

    def one(n: int) -> tuple[dict | None, float]:
        account = seed["users"][n]
        session = browser_client.browser(n)
        started = time.monotonic()
        try:
            browser_client.log_in(
                session, stack.base, account["username"], seed["password"], account["secret"]
            )
        except Exception as exc:
            log(f"login failed: {account['username']}: {exc}")
            return None, time.monotonic() - started
        return {"cookies": session.cookies.get_dict()}, time.monotonic() - started

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(one, range(len(seed["users"]))))
    sessions = [s for s, _ in results if s is not None]
    return sessions, [t for _, t in results], len(results) - len(sessions)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--full", action="store_true", help="the issue's run: 5 minutes")
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--wait", default="5-15", help="think time between clicks, seconds")
    parser.add_argument("--spawn-rate", type=float, default=20)
    args = parser.parse_args()
    seconds = 300 if args.full else args.seconds
    wait_min, wait_max = (float(x) for x in args.wait.split("-"))

    stack = Stack(
        database="brobygger_deploy_load",
        app_ports=[18201 + n for n in range(args.servers)],
        proxy_port=18200,
        workers_per_server=args.workers,
        users=args.users,
    )
    try:
        stack.prepare()
        stack.start_all()
        stack.wait_ready()
        log(f"{args.servers} app servers x {args.workers} workers, a worker and HAProxy ready")
        started = time.monotonic()
        sessions, login_times, login_failures = log_in_all(stack)
        log(f"{len(sessions)} users logged in in {time.monotonic() - started:.0f} s")
        sessions_file = stack.tmp / "sessions.json"
        sessions_file.write_text(
            json.dumps({"sessions": sessions, "cohorts": stack.seed["cohorts"]})
        )
        results_file = stack.tmp / "results.json"
        env = os.environ | {
            "LOAD_SESSIONS": str(sessions_file),
            "LOAD_RESULTS": str(results_file),
            "LOAD_WAIT_MIN": str(wait_min),
            "LOAD_WAIT_MAX": str(wait_max),
        }
        log(f"Locust: {len(sessions)} users, think time {args.wait} s, {seconds} s")
        subprocess.run(
            [
                str(VENV_BIN / "locust"),
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "--users",
                str(len(sessions)),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                f"{seconds}s",
                "--host",
                stack.base,
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--stop-timeout",
                "30",
            ],
            cwd=ROOT_DIR,
            env=env,
            check=False,
            stdout=subprocess.DEVNULL,
        )
        results = json.loads(results_file.read_text())
        print(
            f"== load test: {len(sessions)} staff users, {seconds} s, think time {args.wait} s, "
            f"{args.servers} servers x {args.workers} gunicorn workers, 2 cores shared"
        )
        print(
            f"logins (password + code, 4 at a time): p50 {percentile(login_times, 0.5):.2f} s, "
            f"p95 {percentile(login_times, 0.95):.2f} s, failed {login_failures}"
        )
        total = errors = 0
        for kind in ("read", "write"):
            rows = results[kind]
            times = [t for t, _ in rows]
            failed = sum(1 for _, ok in rows if not ok)
            total += len(rows)
            errors += failed
            print(
                f"{kind + 's':6} {len(rows):6} requests ({len(rows) / seconds:5.1f}/s)  "
                f"p50 {percentile(times, 0.5):6.0f} ms  p95 {percentile(times, 0.95):6.0f} ms  "
                f"errors {failed} ({100 * failed / max(1, len(rows)):.2f} %)"
            )
        print(f"error rate: {100 * errors / max(1, total):.3f} % of {total} requests")
    finally:
        stack.stop()
    return 0


ROOT_DIR = HERE.parents[1]

if __name__ == "__main__":
    raise SystemExit(main())
