"""The import pages: who may use them, upload → dry run (background job) → import, the
progress poll, templates, a refused file, and the query count of the page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from brobygger.accounts.models import Role
from brobygger.imports.models import ImportRun, RunStatus
from brobygger.imports.progress import progress_write
from brobygger.imports.synthetic import to_csv
from brobygger.imports.tests.helpers import COHORT_HEADERS, upload
from brobygger.jobs.tests.workers import run_inline
from brobygger.programmes.models import Cohort
from brobygger.programmes.tests.factories import login
from brobygger.testing import make_user

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False)

COHORTS = to_csv(COHORT_HEADERS, [["Kull 2019", "2024", "19.08.2019", "19.06.2020", "17", ""]])


def _page(personas) -> str:
    return reverse("import_page", args=[personas.version.programme_id])


def _post(client, personas, content: bytes = COHORTS, kind: str = "kull", name="kull.csv"):
    return client.post(_page(personas), {"kind": kind, "file": SimpleUploadedFile(name, content)})


def test_it_sends_anonymous_to_login(client, personas):
    response = client.get(_page(personas))
    assert response.status_code == 302 and "/konto/login" in response["Location"]


def test_a_teacher_is_refused(client, personas):
    assert login(client, personas.teacher).get(_page(personas)).status_code == 403


def test_the_other_municipality_gets_404(client, personas):
    assert login(client, personas.other_coordinator).get(_page(personas)).status_code == 404
    run = upload(personas, "kull", COHORTS)
    client.force_login(personas.other_coordinator)
    assert client.get(reverse("import_run", args=[run.pk])).status_code == 404
    assert client.post(reverse("import_run_start", args=[run.pk])).status_code == 404


def test_a_partners_coordinator_sees_the_programme_but_may_not_import(client, personas):
    partner = make_user(role=Role.COORDINATOR, org=personas.nav)
    assert login(client, partner).get(_page(personas)).status_code == 403


def test_wrong_methods_are_refused(client, personas):
    login(client, personas.coordinator)
    assert client.put(_page(personas)).status_code == 405
    run = upload(personas, "kull", COHORTS)
    assert client.get(reverse("import_run_start", args=[run.pk])).status_code == 405
    assert client.post(reverse("import_run", args=[run.pk])).status_code == 405


def test_upload_dry_run_then_import_through_the_page(
    client, personas, monkeypatch, django_capture_on_commit_callbacks
):
    login(client, personas.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, personas)
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("import_run", args=[run.pk])
    assert run.status == RunStatus.CHECKING
    page = client.get(response["Location"]).content.decode()
    assert reverse("import_run_progress", args=[run.pk]) in page  # the bar polls

    run_inline(monkeypatch)  # the worker runs the dry run
    page = client.get(response["Location"]).content.decode()
    assert "1 vil bli opprettet" in page and "Ingenting er lagret ennå" in page
    assert not Cohort.objects.filter(name="Kull 2019").exists()

    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse("import_run_start", args=[run.pk]))
    assert started.status_code == 302
    assert ImportRun.objects.get().status == RunStatus.QUEUED
    run_inline(monkeypatch)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and bytes(run.content) == b""
    assert Cohort.objects.filter(name="Kull 2019").count() == 1
    assert "Importert: 1 opprettet" in client.get(response["Location"]).content.decode()


def test_the_progress_poll_shows_the_bar_then_reloads_the_page(client, personas):
    login(client, personas.coordinator)
    run = upload(personas, "kull", COHORTS)
    url = reverse("import_run_progress", args=[run.pk])
    progress_write(run.pk, 40, 100)
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert (
        'value="40"' in response.content.decode() and "40 av 100 rader" in response.content.decode()
    )
    ImportRun.objects.filter(pk=run.pk).update(status=RunStatus.CHECKED)
    done = client.get(url, HTTP_HX_REQUEST="true")
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_a_file_with_a_missing_column_is_refused_next_to_the_field_and_nothing_kept(
    client, personas
):
    login(client, personas.coordinator)
    response = _post(client, personas, b"kull;versjon\nK1;2024\n")
    assert response.status_code == 200
    assert "Kolonnen «startdato» mangler på første linje" in response.content.decode()
    assert not ImportRun.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_a_file_with_an_unknown_column_is_refused(client, personas):
    login(client, personas.coordinator)
    content = COHORTS.replace(b"sted", b"lokale")
    response = _post(client, personas, content)
    assert "Ukjent kolonne «lokale»" in response.content.decode()


def test_a_dry_run_with_refusals_offers_no_import(
    client, personas, monkeypatch, django_capture_on_commit_callbacks
):
    login(client, personas.coordinator)
    bad = to_csv(COHORT_HEADERS, [["Kull X", "1999", "19.08.2019", "19.06.2020", "17", ""]])
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, personas, bad)
    run_inline(monkeypatch)
    run = ImportRun.objects.get()
    page = client.get(reverse("import_run", args=[run.pk])).content.decode()
    assert "1 avvist" in page and "«1999» er ikke en versjon" in page
    assert reverse("import_run_start", args=[run.pk]) not in page
    client.post(reverse("import_run_start", args=[run.pk]))
    assert ImportRun.objects.get().status == RunStatus.CHECKED


@pytest.mark.parametrize("kind", ["kull", "okter", "deltakere", "oppmote"])
def test_the_templates_download_with_the_norwegian_columns(client, personas, kind):
    login(client, personas.coordinator)
    url = reverse("import_template")
    csv = client.get(url, {"type": kind, "format": "csv"})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    header = csv.content.decode("utf-8-sig").strip()
    assert "kull" in header.split(";")
    xlsx = client.get(url, {"type": kind, "format": "xlsx"})
    book = load_workbook(io.BytesIO(xlsx.content))
    assert [c.value for c in book.worksheets[0][1]] == header.split(";")
    assert book.worksheets[1]["A1"].value == "Kolonne"
    assert client.get(url, {"type": "ukjent", "format": "csv"}).status_code == 404


def test_the_page_lists_runs_in_a_fixed_number_of_queries(
    client, personas, django_assert_num_queries
):
    login(client, personas.coordinator)
    for _ in range(2):
        upload(personas, "kull", COHORTS)
    with django_assert_num_queries(5):
        assert len(client.get(_page(personas)).context["runs"]) == 2
    for _ in range(5):
        upload(personas, "kull", COHORTS, by=make_user(role=Role.COORDINATOR, org=personas.bergen))
    with django_assert_num_queries(5):
        assert len(client.get(_page(personas)).context["runs"]) == 7


def test_the_programme_list_links_to_the_import_for_the_owners_coordinators_only(client, personas):
    url = reverse("import_page", args=[personas.version.programme_id])
    page = login(client, personas.coordinator).get(reverse("programme_list")).content.decode()
    assert url in page
    partner = make_user(role=Role.COORDINATOR, org=personas.nav)
    page = login(client, partner).get(reverse("programme_list")).content.decode()
    assert personas.version.programme.name in page and url not in page


def test_the_template_link_without_a_type_gives_the_participants_csv(client, personas):
    response = login(client, personas.coordinator).get(reverse("import_template"))
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith("fødselsnummer;fornavn;etternavn")
