"""`manage.py load_demo`: the synthetic Bergen history. Run by `make run` every time."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from brobygger.demo.builder import DEMO_LOGINS, DEMO_PASSWORD, DemoConflict, load_demo, summary


class Command(BaseCommand):
    help = "Load the synthetic demo data (invented people only). Does nothing if already loaded."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            loaded = load_demo(today=timezone.localdate())
        except DemoConflict as taken:
            raise CommandError(
                f"Demo data not loaded: these usernames already exist without the demo: {taken}"
            ) from taken
        if not loaded:
            self.stdout.write("Demo data already loaded")
            return
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        for line in summary():
            self.stdout.write(line)
        self.stdout.write(f"Innlogginger ({', '.join(DEMO_LOGINS)}) med passordet {DEMO_PASSWORD}")
