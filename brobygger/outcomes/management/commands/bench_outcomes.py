"""`manage.py bench_outcomes`: time every outcome page and export on a large synthetic history.

Generates (bulk_create, invented people only) at least 10,000 participants across many
municipalities in the configured database, which must be a scratch one, inside a transaction
that is rolled back afterwards (unless --keep). Then prints, for each scope (coordinator,
county coordinator, analyst) and each dashboard, export and report, the wall time and the number
of queries. No thresholds: this is for reading, not for failing.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py bench_outcomes
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from brobygger.enrolments.models import Enrolment
from brobygger.organisations.models import County
from brobygger.outcomes import bench, views
from brobygger.outcomes.hidden_share import hidden_shares, national_funnel_hidden
from brobygger.outcomes.scope import COUNTY, Scope, national_scope
from brobygger.programmes.models import Programme

# A database name with one of these is a scratch one (test databases included).
SCRATCH_MARKS = ("bench", "scratch", "/tmp/", "test_", "memorydb")  # noqa: S108 - names only


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark the outcome pages and exports on a large synthetic history."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--participants", type=int, default=12000)
        parser.add_argument("--keep", action="store_true", help="Keep the generated rows.")
        parser.add_argument("--repeat", type=int, default=3, help="Best of N runs per page.")
        parser.add_argument(
            "--hidden-share-only",
            action="store_true",
            help="Only the share of counts of 5 or more that suppression hides, before and "
            "after issue 12, on the data already in the database (e.g. the demo); writes "
            "nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["hidden_share_only"]:
            self._hidden_shares()
            return
        name = str(connection.settings_dict["NAME"])
        if not any(mark in name for mark in SCRATCH_MARKS):
            raise CommandError(
                f"Refusing to write benchmark data into {name!r}: use a scratch database "
                "(its name must contain 'bench' or 'scratch', or live under /tmp/)."
            )
        try:
            with transaction.atomic():
                started = time.perf_counter()
                users = bench.generate(participants=options["participants"])
                took = time.perf_counter() - started
                homes = Enrolment.objects.all()
                self.stdout.write(
                    f"Generated {Enrolment.objects.count()} enrolments in "
                    f"{homes.values('participant__municipality').distinct().count()} "
                    f"municipalities in {took:.1f} s"
                )
                self._measure(users, options["repeat"])
                self._hidden_shares()
                if not options["keep"]:
                    raise Rollback
        except Rollback:
            self.stdout.write("Rolled back: the scratch database is as it was.")

    def _measure(self, users: bench.BenchUsers, repeat: int) -> None:
        programme = Programme.objects.filter(
            organisation__memberships__user=users.coordinator
        ).get()
        pages = [
            ("dashboard", "/resultater/", views.outcomes_dashboard, {}),
            *(
                (f"breakdown {d}", f"/resultater/{d}/", views.outcomes_breakdown, {"dimension": d})
                for d in ("program", "kull", "ar", "fylke", "kommune")
            ),
            ("export kommune.csv", "", views.outcomes_export, {"table": "kommune", "fmt": "csv"}),
            ("export kull.xlsx", "", views.outcomes_export, {"table": "kull", "fmt": "xlsx"}),
            ("export alle.xlsx", "", views.outcomes_export, {"table": "alle", "fmt": "xlsx"}),
        ]
        self.stdout.write(f"{'scope':<20}{'page':<24}{'best ms':>9}{'queries':>9}{'bytes':>10}")
        for label, user in (
            ("coordinator", users.coordinator),
            ("county coordinator", users.county_coordinator),
            ("analyst", users.analyst),
        ):
            for page, url, view, kwargs in pages:
                self._row(label, page, user, view, url or "/resultater/eksport/", kwargs, repeat)
            if user == users.coordinator:
                self._row(label, "annual report pdf", user, views.outcomes_programme_report,
                          "/resultater/program/", {"pk": programme.pk}, repeat)  # fmt: skip

    def _hidden_shares(self) -> None:
        today = timezone.localdate()
        self.stdout.write("Hidden share: counts of 5 or more that suppression hides (unfiltered)")
        self.stdout.write(f"{'scope':<20}{'cells':>8}{'before':>10}{'after':>10}{'ms after':>10}")
        # The county with the most enrolments, as its county coordinator sees it.
        busiest = (
            Enrolment.objects.exclude(participant__municipality=None)
            .values_list("participant__municipality__county", flat=True)
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        for county in County.objects.filter(number=busiest):
            scope = Scope(
                COUNTY, county.name, Q(participant__municipality__county=county.number),
                suppressed=True, counties=(county.number,),
            )  # fmt: skip
            self._share_row(f"county {county.number}", scope, today)
        self._share_row("national", national_scope(), today)
        missing = national_funnel_hidden(national_scope(), today)
        self.stdout.write(f"National funnel counts hidden: {', '.join(missing) or 'none'}")

    def _share_row(self, label: str, scope: Scope, today: Any) -> None:
        shares = hidden_shares(scope, today)
        before, after = shares["before"], shares["after"]
        self.stdout.write(
            f"{label:<20}{after.cells:>8}{before.percent:>9.1f}%{after.percent:>9.1f}%"
            f"{after.ms:>10.0f}"
        )

    def _row(self, label: str, page: str, user: Any, view: Any, url: str, kwargs: dict[str, Any],
             repeat: int) -> None:  # fmt: skip
        best, queries, size = float("inf"), 0, 0
        for _ in range(repeat):
            request = RequestFactory().get(url)
            request.user = user
            request.session = SessionStore()
            request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response: HttpResponse = view(request, **kwargs)
                size = _consume(response)
                best = min(best, time.perf_counter() - started)
            assert response.status_code == 200, (page, response.status_code)
            queries = len(ctx.captured_queries)
        self.stdout.write(f"{label:<20}{page:<24}{best * 1000:>9.0f}{queries:>9}{size:>10}")


def _consume(response: Any) -> int:
    if getattr(response, "streaming", False):
        size = sum(len(chunk) for chunk in response.streaming_content)
        # Not response.close(): that signals request_finished, which closes the connection.
        handle = getattr(response, "file_to_stream", None)
        if handle is not None:
            handle.close()
        return size
    return len(response.content)
