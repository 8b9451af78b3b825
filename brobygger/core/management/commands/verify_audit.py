"""Daily job: check that the audit trail and the read log are whole (ADR 0013).

Walks both hash chains and reports changed, removed and reordered rows. Every run is recorded
as a `core.AuditCheck` row; a failed check is shown to administrators on the read-log review
page (/innsynslogg/) until a later check passes. Exits 1 when anything is wrong, so cron or the
systemd timer (deploy/) reports it as well. Prints numbers and table names only.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from brobygger.core.models import AuditCheck
from brobygger.core.verify import verify_all


class Command(BaseCommand):
    help = "Kontrollerer at revisjonsloggen og innsynsloggen er hele (hash-kjedene)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-record",
            action="store_true",
            help="Ikke lagre resultatet (administratorene ser det da ikke).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        last = AuditCheck.objects.filter(ok=True).order_by("-at", "-id").first()
        reports = verify_all(last.heads if last else None)
        problems = [line for report in reports for line in report.problems]
        count = sum(report.problem_count for report in reports)
        heads = {r.table: list(r.head) for r in reports if r.head is not None}
        if not options["no_record"]:
            AuditCheck.objects.create(
                ok=count == 0, problem_count=count, report="\n".join(problems), heads=heads
            )
        for report in reports:
            end = f"nr. {report.head[0]}, {report.head[1]}" if report.head else "tom"
            self.stdout.write(f"{report.table}: {report.rows} rader, slutt {end}")
        if count:
            for line in problems:
                self.stderr.write(line)
            raise CommandError(f"Loggkjedene er ikke hele: {count} feil.", returncode=1)
        self.stdout.write("Loggkjedene er hele.")
