"""`manage.py kpis --json`: the dashboard's figures on the command line.

Goes through the same `selectors.figures_for` as the pages, with the same filters and, with
--as-user, that user's scope and suppression; without it, the whole country, suppressed (as an
analyst sees it). `--json` prints `Figures.as_dict()`, exactly what the dashboard renders.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from brobygger.accounts.models import User
from brobygger.outcomes.figures import outcome_figures
from brobygger.outcomes.figures.model import Figures
from brobygger.outcomes.filters import FilterForm, Filters
from brobygger.outcomes.scope import national_scope
from brobygger.outcomes.selectors import figures_for


class Command(BaseCommand):
    help = "Print the outcome figures (completion, employment) as the dashboard shows them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument("--as-user", help="Username whose scope and suppression apply.")
        parser.add_argument("--scope", help="program, fylke or nasjonalt (for --as-user).")
        parser.add_argument("--programme", type=int, help="Programme id.")
        parser.add_argument("--year", type=int, help="Cohorts that started this year.")
        parser.add_argument("--year-from", type=int)
        parser.add_argument("--year-to", type=int)
        parser.add_argument("--county", help="County number, e.g. 46.")
        parser.add_argument("--municipality", help="Municipality number, e.g. 4601.")

    def handle(self, *args: Any, **options: Any) -> None:
        figures = self._figures(options)
        if options["json"]:
            self.stdout.write(json.dumps(figures.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{figures.scope['label']} ({figures.today})")
        for column, cell in figures.kpis:
            self.stdout.write(f"{column.label}: {cell.display}")

    def _figures(self, options: dict[str, Any]) -> Figures:
        data = {
            "omfang": options["scope"],
            "program": options["programme"],
            "fra_ar": options["year"] or options["year_from"],
            "til_ar": options["year"] or options["year_to"],
            "fylke": options["county"],
            "kommune": options["municipality"],
        }
        data = {k: str(v) for k, v in data.items() if v}
        today = timezone.localdate()
        username = options["as_user"]
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"Ingen aktiv bruker med brukernavnet {username!r}.")
            try:
                result = figures_for(user, data, today=today)
            except PermissionDenied as denied:
                raise CommandError(f"{username} har ingen tilgang til resultattall.") from denied
            if result.figures is None:
                raise CommandError(_errors(result.form.errors))
            return result.figures
        return self._national(data, today)

    def _national(self, data: dict[str, str], today: dt.date) -> Figures:
        scope = national_scope()
        form = FilterForm(data, scopes=[scope], scope=scope)
        if not form.is_valid():
            raise CommandError(_errors(form.errors))
        filters: Filters = form.filters()
        return outcome_figures(scope=scope, filters=filters, today=today)


def _errors(errors: Any) -> str:
    return "Ugyldig filter: " + "; ".join(
        f"{field}: {' '.join(str(e) for e in messages)}" for field, messages in errors.items()
    )
