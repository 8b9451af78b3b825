"""A production-shaped Brobygger on loopback, for the two-server test and the load test: a
scratch PostgreSQL database (migrated by the owner role, the app as the runtime role, ADR 0013)
with the demo and seeded staff users, gunicorn app servers (deploy/gunicorn.conf.py), one job
worker and HAProxy (deploy/haproxy/brobygger.cfg, its "# test:" lines replaced).

Production settings, less TLS: the proxy listens on plain HTTP on loopback, so DJANGO_SECURE is
off (secure cookies would never be sent back over http); everything else is as in production
(DEBUG off, JSON logs, CONN_MAX_AGE, the runtime role, whitenoise's hashed static files).
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
PG = os.environ.get("BROBYGGER_LOADTEST_PG", "postgres://postgres@127.0.0.1:5432")
ROLES_SQL = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'brobygger_owner') THEN
    CREATE ROLE brobygger_owner LOGIN CREATEDB;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'brobygger_app') THEN
    CREATE ROLE brobygger_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
END $$;
"""
# Variables of the test run or a developer's shell that must not reach production settings.
DROPPED_ENV = (
    "BROBYGGER_TESTING",
    "BROBYGGER_DEMO",
    "DJANGO_DEBUG",
    "DATABASE_URL",
    "DATABASE_MIGRATE_URL",
    "SENTRY_DSN",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(
        ["psql", "-qAt", "-v", "ON_ERROR_STOP=1", f"{PG}/{database}"],
        input=sql,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@dataclass
class Stack:
    database: str
    app_ports: list[int]
    proxy_port: int
    workers_per_server: int = 2
    users: int = 12
    tmp: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="brobygger-stack-")))
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    seed: dict[str, Any] = field(default_factory=dict)
    # One set of secrets for every process of the stack (sessions and MFA secrets are shared).
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))
    mfa_key: str = field(
        default_factory=lambda: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port}"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
        env.update(
            DJANGO_SETTINGS_MODULE="brobygger.settings",
            DATABASE_URL=f"postgres://brobygger_app@127.0.0.1:5432/{self.database}",
            DATABASE_MIGRATE_URL=f"postgres://brobygger_owner@127.0.0.1:5432/{self.database}",
            DJANGO_SECRET_KEY=self.secret_key,
            BROBYGGER_MFA_KEY=self.mfa_key,
            DJANGO_EMAIL_BACKEND="off",
            DJANGO_SECURE="0",
            DJANGO_BEHIND_PROXY="1",
            BROBYGGER_TRUSTED_PROXY_COUNT="1",
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_STATIC_ROOT=str(self.tmp / "static"),
            BROBYGGER_PRIVATE_ROOT=str(self.tmp / "private"),
            BROBYGGER_JOBS_HEARTBEAT_SECONDS="2",
            GUNICORN_WORKERS=str(self.workers_per_server),
            GUNICORN_ACCESS_LOG="0",
            PYTHONUNBUFFERED="1",
        )
        return env

    # -- the database -----------------------------------------------------------------------
    def prepare(self) -> None:
        started = time.monotonic()
        psql(ROLES_SQL)
        psql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        psql(f'CREATE DATABASE "{self.database}" OWNER brobygger_owner')
        # The hashed static files (whitenoise's manifest) while the database is migrated.
        static = subprocess.Popen(
            [str(VENV_BIN / "python"), "manage.py", "collectstatic", "--no-input"],
            cwd=ROOT,
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.manage("migrate", "--no-input")
        # The demo is loaded in demo mode (its command says so); the servers run without it.
        self.manage("load_demo", extra_env={"BROBYGGER_DEMO": "1"})
        seed_file = self.tmp / "users.json"
        self.run(
            [
                str(VENV_BIN / "python"),
                str(ROOT / "deploy/loadtest/seed.py"),
                "--users",
                str(self.users),
                "--out",
                str(seed_file),
            ]
        )
        self.seed = json.loads(seed_file.read_text())
        _, errors = static.communicate()
        if static.returncode != 0:
            raise SystemExit(f"collectstatic failed:\n{errors.decode()[-4000:]}")
        log(f"database {self.database} ready in {time.monotonic() - started:.0f} s")

    def run(self, argv: list[str], extra_env: dict[str, str] | None = None) -> None:
        started = time.monotonic()
        result = subprocess.run(
            argv, cwd=ROOT, env=self.env() | (extra_env or {}), capture_output=True, text=True
        )
        if result.returncode != 0:
            sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
            raise SystemExit(f"failed: {' '.join(argv[:3])}")
        log(f"{' '.join(Path(a).name for a in argv[:3])}: {time.monotonic() - started:.1f} s")

    def manage(self, *args: str, extra_env: dict[str, str] | None = None) -> None:
        self.run([str(VENV_BIN / "python"), "manage.py", *args], extra_env)

    def manage_status(self, *args: str) -> int:
        result = subprocess.run(
            [str(VENV_BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        return result.returncode

    # -- the processes ----------------------------------------------------------------------
    def start(self, name: str, argv: list[str], extra_env: dict[str, str] | None = None) -> None:
        output = open(self.tmp / f"{name}.log", "wb")  # noqa: SIM115 - kept open for the process
        self.processes[name] = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=self.env() | (extra_env or {}),
            stdout=output,
            stderr=subprocess.STDOUT,
            # Its own process group: "killing the server" is the master and its workers at once.
            start_new_session=True,
        )

    def start_all(self) -> None:
        for n, port in enumerate(self.app_ports, start=1):
            self.start(
                f"app{n}",
                [str(VENV_BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
                {"GUNICORN_BIND": f"127.0.0.1:{port}"},
            )
        self.start("worker", [str(VENV_BIN / "python"), "manage.py", "run_worker", "--no-reload"])
        config = self.tmp / "haproxy.cfg"
        config.write_text(self.haproxy_config())
        check = subprocess.run(["haproxy", "-c", "-f", str(config)], capture_output=True)
        if check.returncode != 0:
            raise SystemExit(check.stderr.decode())
        self.start("proxy", ["haproxy", "-db", "-f", str(config)])

    def haproxy_config(self) -> str:
        """deploy/haproxy/brobygger.cfg with its "# test:" lines made to fit loopback."""
        lines = []
        servers_written = False
        for line in (ROOT / "deploy/haproxy/brobygger.cfg").read_text().splitlines():
            marker = re.search(r"\s+# test: (\w+)$", line)
            if marker is None:
                lines.append(line)
                continue
            indent = line[: len(line) - len(line.lstrip())]
            kind = marker[1]
            if kind == "bind":
                lines.append(f"{indent}bind 127.0.0.1:{self.proxy_port}")
            elif kind == "server" and not servers_written:
                servers_written = True
                lines.extend(
                    f"{indent}server app{n} 127.0.0.1:{port}"
                    for n, port in enumerate(self.app_ports, start=1)
                )
        text = "\n".join(lines) + "\n"
        return text.replace("maxconn 5 check", f"maxconn {self.workers_per_server} check")

    def wait_ready(self, timeout: float = 90) -> None:
        """Until /readyz answers 200 through the proxy: servers up, schema current, worker."""
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise SystemExit(f"{name} exited early:\n{self.tail(name)}")
            try:
                with urllib.request.urlopen(f"{self.base}/readyz", timeout=5) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except OSError as exc:
                last = str(exc)
            time.sleep(0.5)
        raise SystemExit(f"/readyz never answered 200 ({last})")

    def kill(self, name: str) -> None:
        os.killpg(self.processes[name].pid, signal.SIGKILL)
        self.processes[name].wait()

    def tail(self, name: str, lines: int = 30) -> str:
        path = self.tmp / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self, *, drop: bool = True) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if drop:
            psql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            shutil.rmtree(self.tmp, ignore_errors=True)
