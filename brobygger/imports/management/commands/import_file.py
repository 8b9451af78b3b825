"""`manage.py import_file FILE --programme ID --kind KIND --user NAME [--dry-run | --no-dry-run]`

The page's import without the page: upload, dry run, and (unless --dry-run) the real run, here
and now instead of in the job worker. Prints counts and the refused rows (line numbers and
reasons; never names or national ids). With --no-dry-run the real run starts at once (it still
refuses the whole file when any row is refused). Used by the kill -9 test and the benchmark."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from brobygger.accounts.models import User
from brobygger.imports.jobs import execute
from brobygger.imports.kinds import KINDS
from brobygger.imports.models import ImportRun, RunStatus
from brobygger.imports.services import import_start, import_upload
from brobygger.programmes.models import Programme


class Command(BaseCommand):
    # No system checks at start: the command touches no URLs or templates, and starts faster.
    requires_system_checks: list[str] = []
    help = "Import a CSV or XLSX file into a programme (dry run first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--programme", type=int, required=True)
        parser.add_argument("--kind", choices=sorted(KINDS), required=True)
        parser.add_argument("--user", required=True, help="user name of the importing coordinator")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="only the dry run")
        mode.add_argument("--no-dry-run", action="store_true", help="straight to the real run")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        programme = (
            Programme.objects.select_related("organisation").filter(pk=options["programme"]).first()
        )
        user = User.objects.filter(username=options["user"]).first()
        if programme is None or user is None:
            raise CommandError("unknown programme or user")
        try:
            run = import_upload(
                by=user,
                programme=programme,
                kind=options["kind"],
                file_name=path.name,
                content=path.read_bytes(),
                enqueue=False,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        started = time.perf_counter()
        if options["no_dry_run"]:
            with transaction.atomic():
                ImportRun.objects.filter(pk=run.pk).update(status=RunStatus.QUEUED)
        else:
            execute(run.pk, dry_run=True)
            self._report(ImportRun.objects.get(pk=run.pk), "dry run", started)
            if options["dry_run"]:
                return
            started = time.perf_counter()
            try:
                import_start(by=user, run=run, enqueue=False)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
        execute(run.pk, dry_run=False)
        run = ImportRun.objects.get(pk=run.pk)
        self._report(run, "import", started)
        if run.status != RunStatus.DONE:
            raise CommandError(f"refused: nothing was imported (run {run.pk})")

    def _report(self, run: ImportRun, what: str, started: float) -> None:
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{what} (run {run.pk}): {run.total_rows} rows in {seconds:.2f} s: "
            f"{run.created} created, {run.changed} changed, {run.unchanged} unchanged, "
            f"{run.refused} refused"
        )
        if run.file_error:
            self.stdout.write(f"  file refused: {run.file_error}")
        for row in run.report:
            if row["outcome"] == "refuse":
                self.stdout.write(f"  line {row['line']}: {' '.join(row['messages'])}")
