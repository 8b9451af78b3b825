"""Issue 12 (ADR 0016): the recorded follow-up answers are the source of "followed up" and "in
work N months after completion", everywhere the figures appear, and where they disagree with
the employment records the reconciliation page says so.

One cohort (the personas' cohort, completed 21.06.2027; followed up 21.12.2027 and 21.06.2028;
today 01.03.2029), six completers, all living in Bergen:

            record (job)         answer 6 mnd   answer 12 mnd   disagreement
  Ada       none (found herself)  no            yes             12: "in work", no record
  Bo        from 01.07.2027       yes           -               12: record, no answer
  Cato      from 01.07.2027       no            yes             6: "not in work", a record
  Dina      none                  -             -               (overdue twice)
  Eli       from 01.07.2027       yes           yes
  Frida     none                  no            no

Hand-computed:
  6 mnd:  followed up 5 (A B C E F), not followed up 1 (D), in work 2 (B E), rate 2/5 = 40.0 %
  12 mnd: followed up 4 (A C E F), not followed up 2 (B D), in work 3 (A C E), rate 3/4 = 75.0 %
(The old rule, counting records on the date: 6/6 followed up, 3 and 3 in work.)
"""

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from brobygger.enrolments.models import Status
from brobygger.followup.rules import Mismatch
from brobygger.organisations.models import OrganisationKind
from brobygger.outcomes.tests.factories import answer, enrol, job
from brobygger.testing import make_org

D = dt.date
JOB_START = D(2027, 7, 1)

EXPECTED = {
    "completed": "6",
    "followed6": "5",
    "not_followed6": "1",
    "employed6": "2",
    "employment_rate6": "40 %",
    "followed12": "4",
    "not_followed12": "2",
    "employed12": "3",
    "employment_rate12": "75 %",
}
LABELS = {
    "followed6": "Fulgt opp 6 mnd",
    "not_followed6": "Ikke fulgt opp 6 mnd",
    "employed6": "I jobb 6 mnd",
    "employment_rate6": "Andel i jobb 6 mnd",
    "followed12": "Fulgt opp 12 mnd",
    "not_followed12": "Ikke fulgt opp 12 mnd",
    "employed12": "I jobb 12 mnd",
    "employment_rate12": "Andel i jobb 12 mnd",
}


@pytest.fixture
def cohort(personas):
    employer = make_org("Arbeidsgiver AS", kind=OrganisationKind.EMPLOYER)
    people = {}
    for name, has_job, at6, at12 in (
        ("Ada", False, False, True),
        ("Bo", True, True, None),
        ("Cato", True, False, True),
        ("Dina", False, None, None),
        ("Eli", True, True, True),
        ("Frida", False, False, False),
    ):
        enrolment = enrol(personas.cohort, Status.FULLFORT)
        enrolment.participant.first_name = name
        enrolment.participant.save(update_fields=["first_name"])
        if has_job:
            job(enrolment, employer, start=JOB_START)
        for months, employed in ((6, at6), (12, at12)):
            if employed is not None:
                answer(enrolment, months, employed=employed)
        people[name] = enrolment
    return people


def kpi_displays(figures):
    return {key: figures.kpi(key).display for key in EXPECTED}


def test_the_dashboard_counts_the_answers(client, personas, cohort):
    client.force_login(personas.coordinator)

    figures = client.get("/resultater/").context["figures"]

    assert kpi_displays(figures) == EXPECTED
    assert figures.kpi("employment_rate6").value == Decimal("40.0")
    assert figures.kpi("employment_rate12").value == Decimal("75.0")


@pytest.mark.parametrize("table", ["kull", "kommune", "fylke", "ar", "program"])
def test_every_breakdown_counts_the_answers(client, personas, cohort, table):
    client.force_login(personas.coordinator)

    t = client.get("/resultater/").context["figures"].tables[table]

    keys = [c.key for c in t.columns]
    row = next(r for r in t.rows if r.cells[keys.index("completed")].display == "6")
    assert {k: row.cells[keys.index(k)].display for k in EXPECTED} == EXPECTED


def test_the_follow_up_list_shows_the_unanswered_as_overdue(client, personas, cohort):
    client.force_login(personas.coordinator)

    groups = client.get(reverse("followup_list")).context["groups"]

    overdue = {
        (t.participant.first_name, t.months) for t in groups["overdue"] if t.kind == "completion"
    }
    assert overdue == {("Bo", 12), ("Dina", 6), ("Dina", 12)}
    assert [t for t in groups["due"] + groups["upcoming"] if t.kind == "completion"] == []


def test_the_reconciliation_page_lists_each_disagreement(client, personas, cohort):
    client.force_login(personas.coordinator)

    groups = client.get(reverse("followup_reconciliation")).context["groups"]

    found = {
        kind: [(r.participant.first_name, r.months) for r in rows] for kind, rows in groups.items()
    }
    assert found == {
        Mismatch.ANSWER_WITHOUT_RECORD: [("Ada", 12)],
        Mismatch.RECORD_WITHOUT_ANSWER: [("Bo", 12)],
        Mismatch.ANSWER_NOT_EMPLOYED_WITH_RECORD: [("Cato", 6)],
    }


def test_the_csv_export_counts_the_answers(client, personas, cohort):
    client.force_login(personas.coordinator)

    response = client.get("/resultater/eksport/kommune.csv")

    text = b"".join(response.streaming_content).decode("utf-8")[1:]
    header, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    bergen = dict(zip(header, next(r for r in rows if r[0] == "Bergen"), strict=True))
    total = dict(zip(header, rows[-1], strict=True))
    for key, label in LABELS.items():
        assert bergen[label] == EXPECTED[key], label
        assert total[label] == EXPECTED[key], label


def test_the_annual_report_counts_the_answers(client, personas, cohort):
    client.force_login(personas.coordinator)
    url = reverse("outcomes_programme_report", args=[personas.version.programme_id])

    response = client.get(url, {"ar": 2028})

    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for key, label in LABELS.items():
        assert f"{label} {EXPECTED[key]}" in text, label  # the key figures table
    assert (
        "Av 5 fulgt opp 6 måneder etter fullføring var 2 i jobb (1 ikke fulgt opp); av 4 fulgt "
        "opp etter 12 måneder var 3 i jobb (2 ikke fulgt opp)."
    ) in text


def test_kpis_json_counts_the_answers(personas, cohort):
    out = StringIO()

    call_command("kpis", "--json", "--as-user", personas.coordinator.username, stdout=out)

    kpis = {k["key"]: k["display"] for k in json.loads(out.getvalue())["kpis"]}
    assert {key: kpis[key] for key in EXPECTED} == EXPECTED
