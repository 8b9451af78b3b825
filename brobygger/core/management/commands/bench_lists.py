"""`manage.py bench_lists`: time the lists that grow with history, and the attendance grid's
save, on a large synthetic history, each next to a floor view measured in the same run.

Generates (core/bench_lists.py, invented people only) N participants over twenty years of one
programme in the configured database, which must be a scratch one, inside a transaction rolled
back afterwards (unless --keep). Each page goes through the whole request stack (Django's test
client, signed in), `--repeat` times; it prints the median and best wall time, the ratio of the
median to the floor's (a view doing session, user, roles and one indexed query), the number of
queries and the page size. No thresholds: for reading, not for failing.

    createdb -h 127.0.0.1 -U postgres brobygger_lists_bench
    export BROBYGGER_TESTING=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/brobygger_lists_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py bench_lists --participants 100000
"""

from __future__ import annotations

import html
import re
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from brobygger.accounts.testing import record_full_login
from brobygger.attendance.models import AttendanceStatus
from brobygger.core import bench_lists
from brobygger.outcomes.management.commands.bench_outcomes import SCRATCH_MARKS


class Rollback(Exception):
    pass


def _full_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record_full_login(request, user)


class Command(BaseCommand):
    help = "Benchmark the paginated lists and the attendance grid's save against a floor view."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--participants", type=int, default=10000)
        parser.add_argument("--repeat", type=int, default=7, help="Runs per page.")
        parser.add_argument("--keep", action="store_true", help="Keep the generated rows.")

    def handle(self, *args: Any, **options: Any) -> None:
        name = str(connection.settings_dict["NAME"])
        if not any(mark in name for mark in SCRATCH_MARKS):
            raise CommandError(
                f"Refusing to write benchmark data into {name!r}: use a scratch database "
                "(its name must contain 'bench' or 'scratch', or live under /tmp/)."
            )
        try:
            with (
                transaction.atomic(),
                override_settings(
                    ROOT_URLCONF="brobygger.core.bench_urls", DEBUG_PROPAGATE_EXCEPTIONS=True
                ),
            ):
                started = time.perf_counter()
                data = bench_lists.generate(participants=options["participants"])
                self.stdout.write(
                    f"Generated {options['participants']} participants on "
                    f"{connection.vendor} in {time.perf_counter() - started:.1f} s"
                )
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")
                self._measure(data, options["repeat"])
                if not options["keep"]:
                    raise Rollback
        except Rollback:
            self.stdout.write("Rolled back: the scratch database is as it was.")

    def _measure(self, data: bench_lists.BenchLists, repeat: int) -> None:
        coordinator, teacher, employer = Client(), Client(), Client()
        # Signed in as after a real MFA step (as the test suite does): the pages, not the login.
        user_logged_in.connect(_full_login, dispatch_uid="bench_lists")
        try:
            coordinator.force_login(data.coordinator)
            teacher.force_login(data.teacher)
            employer.force_login(data.employer)
        finally:
            user_logged_in.disconnect(dispatch_uid="bench_lists")
        floor_url = reverse("bench_floor", args=[data.big_cohort.pk])
        grid_url = reverse("session_attendance", args=[data.grid_session.pk])
        pages: list[tuple[str, Client, Callable[[Client], Any]]] = [
            ("floor (1 indexed query)", coordinator, lambda c: c.get(floor_url)),
            ("cohort list", coordinator, lambda c: c.get(reverse("cohort_list"))),
            ("cohort list, page 2", coordinator,
             lambda c: c.get(reverse("cohort_list"), {"side": 2})),
            ("cohort overview (biggest)", coordinator,
             lambda c: c.get(reverse("cohort_overview", args=[data.big_cohort.pk]))),
            ("follow-up list", coordinator, lambda c: c.get(reverse("followup_list"))),
            ("follow-up list, page 5", coordinator,
             lambda c: c.get(reverse("followup_list"), {"side": 5})),
            ("employment list", coordinator, lambda c: c.get(reverse("employment_list"))),
            ("employer's staff list", employer, lambda c: c.get(reverse("employer_employments"))),
            ("attendance grid (25)", teacher, lambda c: c.get(grid_url)),
        ]  # fmt: skip
        self.stdout.write(
            f"{'page':<28}{'p50 ms':>9}{'best ms':>9}{'x floor':>9}{'queries':>9}{'bytes':>10}"
        )
        floor_p50 = None
        for label, client, fetch in pages:
            p50, best, queries, size = self._time(client, fetch, repeat)
            floor_p50 = floor_p50 or p50
            self._print(label, p50, best, p50 / floor_p50, queries, size)
        p50, best, queries, size = self._time_save(teacher, grid_url, data, repeat)
        self._print("attendance grid save (25)", p50, best, p50 / floor_p50, queries, size)

    def _time(self, client: Client, fetch: Callable[[Client], Any], repeat: int) -> tuple:
        fetch(client)  # warm: templates, caches
        times, queries, size = [], 0, 0
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = fetch(client)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, (response.status_code, response.get("Location"))
            queries, size = len(ctx.captured_queries), len(response.content)
        return statistics.median(times) * 1000, min(times) * 1000, queries, size

    def _time_save(
        self, client: Client, url: str, data: bench_lists.BenchLists, repeat: int
    ) -> tuple:
        """Each run changes every row (present, then absent, then present...): the first saves
        25 new records, the others correct 25 (revisions, audit events)."""
        times, queries = [], 0
        for n in range(repeat + 1):
            page = client.get(url).content.decode()
            found = re.search(r'name="edit_token" value="([^"]*)"', page)
            assert found is not None, "no edit token on the grid"
            token = html.unescape(found[1])
            status = AttendanceStatus.PRESENT if n % 2 == 0 else AttendanceStatus.UNEXCUSED
            post = {"edit_token": token}
            for e in data.grid_enrolments:
                post[f"p{e.pk}-status"] = status
                post[f"p{e.pk}-hours"] = ""
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.post(url, post)
                took = time.perf_counter() - started
            assert response.status_code == 302, response.status_code
            if n:  # the first (new records) is reported by the tests; these are corrections
                times.append(took)
                queries = len(ctx.captured_queries)
        return statistics.median(times) * 1000, min(times) * 1000, queries, 0

    def _print(self, label: str, p50: float, best: float, ratio: float, queries: int,
               size: int) -> None:  # fmt: skip
        self.stdout.write(f"{label:<28}{p50:>9.1f}{best:>9.1f}{ratio:>8.1f}x{queries:>9}{size:>10}")
