"""Daily job: anonymise people whose retention period has run out (ADR 0008).

Idempotent: a person is anonymised once; running again (or catching up after missed days) does
nothing more. Run it from cron or a systemd timer, e.g. `manage.py apply_retention` at 01:00
Europe/Oslo. Prints numeric ids only, never names.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from brobygger.core.formatting import format_day
from brobygger.privacy.retention.policy import due_for_anonymisation, retention_years
from brobygger.privacy.retention.services import retention_apply


class Command(BaseCommand):
    help = "Anonymiserer personer når oppbevaringstiden etter siste deltakelse er ute."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis hvem som står for tur, uten å endre noe."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        years = retention_years()
        if options["dry_run"]:
            due = due_for_anonymisation(today)
            ids = ", ".join(str(state.participant_id) for state in due) or "ingen"
            self.stdout.write(
                f"{len(due)} personer står for tur ({format_day(today)}, oppbevaringstid {years} "
                f"år). Deltaker-id: {ids}. Ingenting er endret."
            )
            return
        done = retention_apply(today=today)  # by=None: recorded as the system
        ids = ", ".join(str(record.participant_id) for record in done) or "ingen"
        files = sum(record.files_deleted for record in done)
        self.stdout.write(
            f"{len(done)} personer anonymisert ({format_day(today)}, oppbevaringstid {years} år). "
            f"Deltaker-id: {ids}. Filer slettet: {files}."
        )
