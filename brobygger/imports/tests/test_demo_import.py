"""The demo import (brobygger/imports/demo/): a synthetic history of 5 cohorts, imported
through the web page with a dry run first, and again with 0 duplicates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from stdnum.no import fodselsnummer

from brobygger.enrolments.models import Enrolment, Participant, StatusChange
from brobygger.imports.demo.build import FILES, FOLDER, build
from brobygger.imports.models import ImportRun, RunStatus
from brobygger.jobs.tests.workers import run_inline
from brobygger.placements.models import Placement, Timesheet, TimesheetStatus
from brobygger.programmes.models import Cohort, Session
from brobygger.programmes.tests.factories import login

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False)


def test_the_checked_in_files_are_what_the_script_makes_and_hold_only_h_numbers():
    made = build()
    for name, _kind in FILES:
        assert (FOLDER / name).read_bytes() == made[name], (
            "run python -m brobygger.imports.demo.build"
        )
    lines = made["deltakere.csv"].decode().splitlines()[1:]
    numbers = [line.split(";")[0] for line in lines]
    assert len(numbers) == len(set(numbers)) == 100
    assert all(fodselsnummer.is_valid(n) and int(n[2:4]) > 40 for n in numbers)


def _import_through_the_page(client, personas, monkeypatch, capture) -> list[ImportRun]:
    runs = []
    for name, kind in FILES:
        with capture(execute=True):
            response = client.post(
                reverse("import_page", args=[personas.version.programme_id]),
                {"kind": kind, "file": SimpleUploadedFile(name, (FOLDER / name).read_bytes())},
            )
        assert response.status_code == 302, response.content.decode()[:3000]
        run = ImportRun.objects.latest("pk")
        run_inline(monkeypatch)  # the dry run
        run.refresh_from_db()
        assert run.status == RunStatus.CHECKED and run.refused == 0, run.report[:5]
        page = client.get(response["Location"]).content.decode()
        assert "Ingenting er lagret ennå" in page
        with capture(execute=True):
            client.post(reverse("import_run_start", args=[run.pk]))
        run_inline(monkeypatch)  # the real run
        run.refresh_from_db()
        assert run.status == RunStatus.DONE, run.report[:5]
        runs.append(run)
    return runs


def _counts() -> tuple[int, ...]:
    return (
        Cohort.objects.filter(name__startswith="Importkull").count(),
        Session.objects.filter(cohort__name__startswith="Importkull").count(),
        Participant.objects.count(),
        Enrolment.objects.filter(cohort__name__startswith="Importkull").count(),
        StatusChange.objects.filter(enrolment__cohort__name__startswith="Importkull").count(),
        Placement.objects.filter(enrolment__cohort__name__startswith="Importkull").count(),
        Timesheet.objects.filter(status=TimesheetStatus.APPROVED).count(),
    )


def test_the_demo_history_imports_through_the_page_and_again_with_no_duplicates(
    client, personas, monkeypatch, django_capture_on_commit_callbacks
):
    login(client, personas.coordinator)
    people_before = Participant.objects.count()
    first = _import_through_the_page(
        client, personas, monkeypatch, django_capture_on_commit_callbacks
    )
    assert [run.created for run in first] == [5, 300, 100, 75, 100]
    counts = _counts()
    assert counts[:4] == (5, 300, people_before + 100, 100)
    assert counts[5:] == (75, 100)

    second = _import_through_the_page(
        client, personas, monkeypatch, django_capture_on_commit_callbacks
    )
    assert [(run.created, run.changed, run.unchanged) for run in second] == [
        (0, 0, 5),
        (0, 0, 300),
        (0, 0, 100),
        (0, 0, 75),
        (0, 0, 100),
    ]
    assert _counts() == counts
