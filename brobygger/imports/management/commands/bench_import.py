"""`manage.py bench_import [--rows 10000]`: time the dry run and the real run of a large
participants file (synthetic people), then the same file again (all unchanged), then the file
with 3 bad rows (the dry run lists exactly those, the real run refuses the whole file).

Everything it makes is in a transaction rolled back at the end (unless --keep), in the
configured database, which must be a scratch one. No thresholds: figures for reading.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py bench_import
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from brobygger.accounts.models import Membership, Role, User
from brobygger.enrolments.models import Enrolment
from brobygger.imports.jobs import execute
from brobygger.imports.models import ImportRun
from brobygger.imports.services import import_start, import_upload
from brobygger.imports.synthetic import bad_check_digit, participant_rows, to_csv
from brobygger.organisations.models import Municipality, Organisation, OrganisationKind
from brobygger.programmes.models import Cohort, Programme, ProgrammeVersion

SCRATCH_MARKS = ("bench", "scratch", "/tmp/", "test_", "memorydb")  # noqa: S108 - names only


class Rollback(Exception):
    pass


class Command(BaseCommand):
    # No system checks at start: the command touches no URLs or templates, and starts faster.
    requires_system_checks: list[str] = []
    help = "Benchmark a large import (dry run, real run, re-run, 3 bad rows)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument("--keep", action="store_true", help="Keep the generated rows.")

    def handle(self, *args: Any, **options: Any) -> None:
        name = str(connection.settings_dict["NAME"])
        if not any(mark in name for mark in SCRATCH_MARKS):
            raise CommandError(f"not a scratch database: {name} (name it bench/scratch/tmp)")
        try:
            with transaction.atomic():
                self._bench(options["rows"])
                if not options["keep"]:
                    raise Rollback
        except Rollback:
            self.stdout.write("rolled back: nothing kept")

    def _timed(self, label: str, run: ImportRun, *, dry_run: bool) -> ImportRun:
        started = time.perf_counter()
        execute(run.pk, dry_run=dry_run)
        seconds = time.perf_counter() - started
        run = ImportRun.objects.get(pk=run.pk)
        self.stdout.write(
            f"{label:<34} {run.total_rows:>6} rows {seconds:8.2f} s "
            f"{run.total_rows / seconds if seconds else 0:8.0f} rows/s   "
            f"created {run.created}, changed {run.changed}, unchanged {run.unchanged}, "
            f"refused {run.refused} -> {run.status}"
        )
        return run

    def _bench(self, rows: int) -> None:
        org = Organisation.objects.create(
            name="Benchmark kommune",
            kind=OrganisationKind.MUNICIPAL_UNIT,
            municipality=Municipality.objects.get(number="4601"),
        )
        user = User.objects.create_user(username=f"bench-{timezone.now():%H%M%S%f}")
        Membership.objects.create(user=user, organisation=org, role=Role.COORDINATOR)
        programme = Programme.objects.create(name="Benchmark-programmet", organisation=org)
        version = ProgrammeVersion.objects.create(programme=programme, name="2024")
        cohort = Cohort.objects.create(
            version=version,
            name="Benchmarkkullet",
            start_date=dt.date(2024, 8, 19),
            end_date=dt.date(2025, 6, 20),
            capacity=500,
        )
        headers, table = participant_rows(
            cohort=cohort.name, count=rows, applied_on=dt.date(2024, 5, 15), seed=3
        )
        content = to_csv(headers, table)
        self.stdout.write(f"file: {rows} rows, {len(content) / 1024:.0f} KiB (participants)")

        def upload(data: bytes, label: str) -> ImportRun:
            started = time.perf_counter()
            run = import_upload(
                by=user,
                programme=programme,
                kind="deltakere",
                file_name=f"{label}.csv",
                content=data,
                enqueue=False,
            )
            self.stdout.write(
                f"{'upload and read ' + label:<34} {time.perf_counter() - started:8.2f} s"
            )
            return run

        run = self._timed("dry run", upload(content, "bench"), dry_run=True)
        import_start(by=user, run=run, enqueue=False)
        self._timed("real run", run, dry_run=False)
        self.stdout.write(
            f"enrolments in the cohort: {Enrolment.objects.filter(cohort=cohort).count()}"
        )
        again = self._timed("dry run, same file again", upload(content, "again"), dry_run=True)
        import_start(by=user, run=again, enqueue=False)
        self._timed("real run, same file again", again, dry_run=False)

        # New people with 3 bad national ids among them.
        headers2, fresh = participant_rows(
            cohort=cohort.name, count=rows, applied_on=dt.date(2024, 5, 15), seed=4
        )
        for line in (17, rows // 2, rows - 3):
            fresh[line][0] = bad_check_digit(fresh[line][0])
        broken = self._timed(
            "dry run, 3 bad rows", upload(to_csv(headers2, fresh), "bad"), dry_run=True
        )
        lines = [row["line"] for row in broken.report if row["outcome"] == "refuse"]
        self.stdout.write(f"refused lines: {lines}")
        before = Enrolment.objects.filter(cohort=cohort).count()
        ImportRun.objects.filter(pk=broken.pk).update(status="queued")  # as --no-dry-run
        self._timed("real run, 3 bad rows", broken, dry_run=False)
        after = Enrolment.objects.filter(cohort=cohort).count()
        self.stdout.write(f"enrolments before and after the refused run: {before}, {after}")
