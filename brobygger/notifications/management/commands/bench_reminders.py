"""`manage.py bench_reminders`: time `reminders_for_day` on a large synthetic history.

Generates (bulk_create, invented people only) the outcome benchmark's history of N participants
plus what the reminders read (reminders/bench.py) in the configured database, which must be a
scratch one, inside a transaction rolled back afterwards (unless --keep). Then prints the best
wall time and the query count of `reminders_for_day`, next to a floor (one trivial query) timed
in the same run, and their ratio; then the whole daily job (`send_reminders`: the reminders made
into notifications), once, and its rerun the same day (which makes none). No thresholds: it
prints figures, it never fails on them.

    DATABASE_URL=sqlite:////tmp/bench-reminders.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench-reminders.sqlite3 .venv/bin/python manage.py \
        bench_reminders --participants 10000
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from brobygger.accounts.models import Membership
from brobygger.notifications.reminders import bench, reminders_for_day
from brobygger.notifications.reminders.tasks import send_reminders
from brobygger.outcomes.management.commands.bench_outcomes import SCRATCH_MARKS


class Rollback(Exception):
    pass


def _best(func: Callable[[], Any], repeat: int) -> tuple[float, int, Any]:
    best, queries, result = float("inf"), 0, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            result = func()
            best = min(best, time.perf_counter() - started)
        queries = len(ctx.captured_queries)
    return best, queries, result


class Command(BaseCommand):
    help = "Benchmark the daily reminders on a large synthetic history."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--participants", type=int, default=10000)
        parser.add_argument("--keep", action="store_true", help="Keep the generated rows.")
        parser.add_argument("--repeat", type=int, default=5, help="Best of N runs.")

    def handle(self, *args: Any, **options: Any) -> None:
        name = str(connection.settings_dict["NAME"])
        if not any(mark in name for mark in SCRATCH_MARKS):
            raise CommandError(
                f"Refusing to write benchmark data into {name!r}: use a scratch database "
                "(its name must contain 'bench' or 'scratch', or live under /tmp/)."
            )
        today = timezone.localdate()
        self.stdout.write(f"Database: {connection.vendor} {name}; day {today.isoformat()}")
        try:
            with transaction.atomic():
                started = time.perf_counter()
                sizes = bench.generate(participants=options["participants"], today=today)
                took = time.perf_counter() - started
                self.stdout.write(
                    f"Generated in {took:.1f} s: "
                    + ", ".join(f"{label} {count}" for label, count in sizes.items())
                )
                self._measure(today, options["repeat"])
                if not options["keep"]:
                    raise Rollback
        except Rollback:
            self.stdout.write("Rolled back: the scratch database is as it was.")

    def _measure(self, today: Any, repeat: int) -> None:
        def floor() -> Any:
            return Membership.objects.active(on=today).values_list("pk", flat=True).first()

        floor_s, floor_q, _ = _best(floor, repeat)
        took, queries, reminders = _best(lambda: reminders_for_day(today), repeat)
        kinds = Counter(r.kind for r in reminders)
        self.stdout.write(f"{'read':<24}{'best ms':>10}{'queries':>9}")
        self.stdout.write(f"{'floor (one query)':<24}{floor_s * 1000:>10.1f}{floor_q:>9}")
        self.stdout.write(f"{'reminders_for_day':<24}{took * 1000:>10.1f}{queries:>9}")
        self.stdout.write(f"ratio reminders/floor: {took / floor_s:.0f}x")
        self.stdout.write(
            f"{len(reminders)} reminders: "
            + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
        )
        for label in ("send_reminders (job)", "send_reminders (rerun)"):
            took, queries, made = _best(lambda: send_reminders.call(today.isoformat()), 1)
            self.stdout.write(f"{label:<24}{took * 1000:>10.1f}{queries:>9}  {made} notifications")
