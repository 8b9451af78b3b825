"""Test helpers: a real SMTP server on the loopback, and running queued jobs in-process.

    def test_it_mails(smtp_server): ...        # the fixture in tests/conftest.py
    run_queued_jobs()                          # every READY job of the database backend

Reusable by other apps: import `SmtpServer` and build the fixture the same way.
"""

from __future__ import annotations

import email
import email.policy
import socket
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from django_tasks_db.models import DBTaskResult

from brobygger.jobs.worker import JobWorker


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Received:
    envelope_from: str
    envelope_to: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"]).strip()

    def part(self, content_type: str) -> str:
        found = self.message.get_body(preferencelist=(content_type.split("/")[1],))
        if found is None or found.get_content_type() != content_type:
            raise AssertionError(f"no {content_type} part")
        return str(found.get_content())  # type: ignore[attr-defined]


@dataclass
class _Handler:
    server: SmtpServer

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook names
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if self.server.refuse:
            return "550 5.7.1 Refused for the test"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802
        self, server: Any, session: Any, envelope: Any
    ) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.server.messages.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), parsed)  # type: ignore[arg-type]
        )
        return "250 Message accepted"


@dataclass
class SmtpServer:
    """aiosmtpd on 127.0.0.1. `.stop()` makes the port refuse connections (an outage),
    `.start()` brings it back on the same port; `.refuse = True` answers 550 to every recipient."""

    port: int = field(default_factory=free_port)
    messages: list[Received] = field(default_factory=list)
    refuse: bool = False
    _controller: Controller | None = None

    def start(self) -> None:
        if self._controller is None:
            self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
            self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def run_queued_jobs(*, limit: int = 100, stop_after: int | None = None) -> int:
    """Run every READY job of the database backend (due now) in this process, as the worker
    would (a failed attempt is queued again after its backoff, so it is not due now), until
    none is left, or `stop_after` have run; returns how many ran. Jobs queued by a job run too."""
    worker = JobWorker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
        heartbeat_seconds=1,
        stale_after_seconds=60,
        housekeeping_thread=False,
        schedule_daily=False,
    )
    ran = 0
    while ran < limit:
        if stop_after is not None and ran >= stop_after:
            return ran  # the rest stay queued, as when a worker stops mid-run
        result = DBTaskResult.objects.ready().first()
        if result is None:
            return ran
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    raise AssertionError(f"more than {limit} jobs: a job queues itself without end?")
