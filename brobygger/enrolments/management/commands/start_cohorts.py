"""Daily job: admitted people move to "Deltar" on their cohort's start date.

Idempotent: running it twice (or catching up after missed days) moves each person once.
Run it from cron or a systemd timer, e.g. `manage.py start_cohorts` at 00:15 Europe/Oslo.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from brobygger.core.formatting import format_day
from brobygger.enrolments.services import cohorts_start_due


class Command(BaseCommand):
    help = "Flytter deltakere som er tatt opp til «Deltar» når kullet starter."

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        moved = cohorts_start_due(today=today)  # by=None: recorded as the system
        self.stdout.write(f"{moved} deltakelser flyttet til «Deltar» ({format_day(today)}).")
