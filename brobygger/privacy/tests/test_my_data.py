"""Mine data: everything about the participant, as a readable page and as a JSON download."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.privacy.tests.factories import TEXTS, build_history, make_person

pytestmark = pytest.mark.django_db
PAGE = reverse("my_data")
DOWNLOAD = reverse("my_data_download")
# Session, user, roles, the participant (4); one query per table of each section: the built-in
# sections 14 (participant 0, enrolments 3, attendance 1, placements 5, assessments 1,
# completion 2 (completions, their diplomas), consents 1, access log 1), diplomas 1,
# employment 7 (profile, hiring cases, hiring history, employments, percents, funding,
# benefit periods),
# subsidy 3 (agreements, status history, refund periods with their month count), followup 1,
# online applications 1; the audit event (3: savepoint, insert, release; the actor's roles are
# the ones the access check read, issue 16).
EXPECTED_QUERIES = 34

EXPECTED_TABLES = {
    "participant": {"participant"},
    "enrolments": {"enrolments", "status_history", "participation_periods"},
    "attendance": {"attendance"},
    "placements": {
        "placements",
        "placement_percents",
        "timesheets",
        "timesheet_days",
        "evaluations",
    },
    "assessments": {"submissions"},
    "completion": {"completions"},
    "diplomas": {"diplomas"},
    "consents": {"consents"},
    "employment": {
        "candidate_profile",
        "hiring_cases",
        "hiring_history",
        "employments",
        "employment_percents",
        "employment_benefits",
        "employment_funding",
    },
    "subsidy": {"subsidy_agreements", "subsidy_history", "subsidy_refunds"},
    "followup": {"followups"},
    "applications": {"online_applications"},
    "access_log": {"access_log"},
}


def download(client):
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    return json.loads(b"".join(response) if response.streaming else response.content)


@pytest.fixture
def ronja(personas, time_machine):
    history = build_history(personas, time_machine, sessions=2, weeks=2)
    return history.enrolment.participant


def test_it_needs_a_login_and_the_participant_role(client, personas):
    for url in (PAGE, DOWNLOAD):
        assert "/login/" in client.get(url)["Location"]
    client.force_login(personas.coordinator)
    assert client.get(PAGE).status_code == 403
    assert client.get(DOWNLOAD).status_code == 403


def test_only_get_is_allowed(client, personas):
    client.force_login(personas.participant_user)
    assert client.post(PAGE).status_code == 405
    assert client.post(DOWNLOAD).status_code == 405


def test_the_download_holds_every_section_and_the_person_s_own_data(client, ronja):
    client.force_login(ronja.user)
    data = download(client)
    assert data["format"] == "brobygger-mine-data"
    assert data["participant_id"] == ronja.pk
    assert {k: set(v["tables"]) for k, v in data["sections"].items()} == EXPECTED_TABLES
    tables = {
        key: table["rows"]
        for section in data["sections"].values()
        for key, table in section["tables"].items()
    }
    (me,) = tables["participant"]
    assert (me["first_name"], me["last_name"], me["birth_date"]) == (
        "Ronja",
        "Ravnsborg",
        "1980-03-04",
    )
    assert me["national_id"] == ronja.national_id
    (enrolment,) = tables["enrolments"]
    assert (enrolment["status"], enrolment["motivation"]) == ("FULLFORT", TEXTS["motivation"])
    assert [row["status"] for row in tables["status_history"]][-1] == "FULLFORT"
    assert len(tables["attendance"]) == 2
    assert {row["status"] for row in tables["timesheets"]} == {"approved", "returned"}
    assert len(tables["timesheet_days"]) == 15
    assert tables["evaluations"][0]["text"] == TEXTS["evaluation"]
    assert [s["original_name"] for s in tables["submissions"]] == [
        "ronja-ravnsborg.pdf",
        "oppgave-2.pdf",
    ]
    assert tables["submissions"][0]["feedback"] == TEXTS["feedback"]
    assert tables["completions"][0]["exception_reason"] == TEXTS["exception"]
    assert tables["consents"][0]["text_version"] == "2026-1"
    assert tables["access_log"][0]["shown"] == "Deltakerside"
    assert "Programkoordinator" in tables["access_log"][0]["who"]


def test_it_holds_nothing_of_anyone_else(client, personas, ronja):
    client.force_login(personas.participant_user)  # Dina
    text = json.dumps(download(client))
    assert "Dina" in text
    for secret in ["Ronja", "Ravnsborg", *TEXTS.values()]:
        assert secret not in text


def test_the_download_is_a_json_attachment_without_a_name_in_the_file_name(client, ronja):
    client.force_login(ronja.user)
    response = client.get(DOWNLOAD)
    assert response["Content-Type"].startswith("application/json")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="brobygger-mine-data-')
    assert "onja" not in disposition
    assert "no-store" in response["Cache-Control"]


def test_the_page_shows_the_same_in_readable_form(client, ronja):
    client.force_login(ronja.user)
    page = client.get(PAGE).content.decode()
    for heading in ["Om deg", "Deltakelser", "Oppmøte", "Praksis", "Skriftlig oppgave"]:
        assert heading in page
    assert "04.03.1980" in page  # dates in Norwegian form
    assert TEXTS["evaluation"] in page
    assert "Fullført" in page
    assert "FULLFORT" not in page  # codes are in the JSON only
    assert "3.00" not in page  # hours with a decimal comma, no trailing zeros
    assert reverse("my_data_download") in page


def test_each_export_is_audited_with_its_format(client, ronja):
    client.force_login(ronja.user)
    client.get(PAGE)
    client.get(DOWNLOAD)
    events = AuditEvent.objects.filter(
        action="data_export", object_type="enrolments.participant", object_id=str(ronja.pk)
    )
    assert sorted(e.changes["format"][1] for e in events) == ["html", "json"]
    assert {e.actor for e in events} == {ronja.user}


def test_the_query_count_does_not_grow_with_the_history(client, personas, time_machine):
    small = build_history(personas, time_machine, sessions=1, weeks=1).enrolment.participant
    big = build_history(
        personas,
        time_machine,
        participant=make_person(
            personas, first_name="Stian", last_name="Storesen", birth_date=dt.date(1985, 7, 9)
        ),
        sessions=6,
        weeks=5,
    ).enrolment.participant
    counts = []
    for person in (small, big):
        client.force_login(person.user)
        client.get(PAGE)
        for url in (PAGE, DOWNLOAD):
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            counts.append(len(ctx.captured_queries))
    assert counts[:2] == counts[2:]
    # See EXPECTED_QUERIES; the audit event is savepoint, insert, release. A new section
    # adds its own.
    assert counts[:2] == [EXPECTED_QUERIES, EXPECTED_QUERIES]
