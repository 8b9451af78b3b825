"""On the demo (`manage.py load_demo`), the Bergen coordinator's dashboard shows the history
the demo was built with, and `kpis --json` prints the same numbers as the page."""

import datetime as dt
import json
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from brobygger.accounts.models import User
from brobygger.demo.builder.context import finished_years
from brobygger.demo.builder.history import COMPLETED, NOT_ADMITTED, SIZES

# The demo is built for the day it is loaded. These tests load it, and run, on one fixed day:
# near a new year the newest finished cohort's follow-ups are not yet due, and the figures
# would move with the calendar.
DEMO_DAY = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today() -> None:
    """Replaces the outcome tests' fixed day: the module fixture below holds DEMO_DAY."""


@pytest.fixture(scope="module")
def demo(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Load once for the module's read-only tests; rolled back afterwards."""
    private = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path_factory.mktemp("private")), "base_url": None},
    }
    with (
        time_machine.travel(DEMO_DAY, tick=False),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        from django.conf import settings

        with override_settings(STORAGES={**settings.STORAGES, "private": private}):
            call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def finished():
    years = finished_years(timezone.localdate())
    return {"fra_ar": str(years[0]), "til_ar": str(years[-1])}


def test_the_dashboard_shows_the_ten_finished_cohorts(demo, db, client):
    client.force_login(User.objects.get(username="koordinator"))

    figures = client.get("/resultater/", finished()).context["figures"]

    k = {c.key: cell.display for c, cell in figures.kpis}
    assert k["completed"] == "62"
    assert k["discontinued"] == "38"
    assert k["started"] == "100"
    assert k["applied"] == str(100 + sum(NOT_ADMITTED))
    assert k["completion_rate"] == "62 %"
    cohorts = figures.tables["kull"]
    assert [row.label for row in cohorts.rows] == [f"Kull {y}" for y in finished_years(
        timezone.localdate())]  # fmt: skip
    assert [row.cells[3].display for row in cohorts.rows] == [str(n) for n in COMPLETED]
    assert [row.cells[2].display for row in cohorts.rows] == [str(n) for n in SIZES]


def test_the_follow_up_figures_are_the_demos_recorded_answers(demo, db, client):
    """ADR 0016: "followed up" and "in work" count the answers. The demo's completers of the
    finished cohorts all have both answers, agreeing with their employment records (the
    builder answers what the record says on the date), so the numbers are those the old
    rule gave; "not followed up" is new, and 0 here."""
    from brobygger.followup.models import FollowUpOutcome

    client.force_login(User.objects.get(username="koordinator"))

    figures = client.get("/resultater/", finished()).context["figures"]

    k = {c.key: cell.display for c, cell in figures.kpis}
    assert (k["followed6"], k["not_followed6"], k["employed6"]) == ("62", "0", "42")
    assert (k["followed12"], k["not_followed12"], k["employed12"]) == ("62", "0", "45")
    assert (k["employment_rate6"], k["employment_rate12"]) == ("67,7 %", "72,6 %")
    answers = FollowUpOutcome.objects.filter(kind="completion")
    for months in (6, 12):
        assert int(k[f"followed{months}"]) == answers.filter(months=months).count()
        assert int(k[f"employed{months}"]) == answers.filter(months=months, employed=True).count()
    cohorts = figures.tables["kull"]
    keys = [c.key for c in cohorts.columns]
    by_cohort = [
        tuple(row.cells[keys.index(m)].display for m in ("followed6", "employed6", "employed12"))
        for row in cohorts.rows
    ]
    assert by_cohort == [
        ("5", "2", "2"), ("6", "4", "4"), ("7", "4", "3"), ("5", "3", "4"), ("6", "6", "6"),
        ("8", "6", "7"), ("6", "4", "5"), ("6", "3", "3"), ("7", "6", "6"), ("6", "4", "5"),
    ]  # fmt: skip


def test_the_whole_history_includes_the_running_cohort(demo, db, client):
    client.force_login(User.objects.get(username="koordinator"))

    figures = client.get("/resultater/").context["figures"]

    assert figures.kpi("completed").display == "62"
    assert len(figures.tables["kull"].rows) == 11
    assert figures.kpi("ongoing").value > 0


@pytest.mark.parametrize("username", ["koordinator", "analytiker", "fylkeskoordinator"])
def test_kpis_json_prints_the_same_numbers_as_the_page(demo, db, client, username):
    client.force_login(User.objects.get(username=username))
    page = client.get("/resultater/", finished()).context["figures"]
    out = StringIO()

    years = finished()
    call_command("kpis", "--json", "--as-user", username, "--year-from", years["fra_ar"],
                 "--year-to", years["til_ar"], stdout=out)  # fmt: skip

    assert json.loads(out.getvalue()) == json.loads(json.dumps(page.as_dict()))


def test_the_analyst_sees_the_national_funnel_and_completion_rate(demo, db, client):
    """Issue 12: a figure that is always hidden is no figure. On the demo, the cost-based
    choice leaves the national counts and the completion rate visible, and hides less than
    the earlier rule did (bench_outcomes prints the same figures)."""
    client.force_login(User.objects.get(username="analytiker"))
    figures = client.get("/resultater/").context["figures"]

    for key in ("started", "completed", "discontinued", "completion_rate"):
        assert not figures.kpi(key).hidden, key
    assert figures.kpi("completed").display == "62"
    out = StringIO()
    call_command("bench_outcomes", "--hidden-share-only", stdout=out)
    text = out.getvalue()
    assert "National funnel counts hidden: none" in text
    national = next(line for line in text.splitlines() if line.startswith("national"))
    before, after = (float(x.rstrip("%")) for x in national.split()[2:4])
    assert after < before
