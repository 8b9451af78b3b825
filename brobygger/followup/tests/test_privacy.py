"""The followup app in "Mine data", in anonymisation and in the audit trail (privacy.py)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.urls import reverse

from brobygger.core.appendonly import REDACTED
from brobygger.core.models import AuditEvent
from brobygger.diplomas.tests.factories import make_completion
from brobygger.followup.models import FollowUpOutcome
from brobygger.followup.privacy import followup_anonymise, followup_section
from brobygger.followup.services import followup_record
from brobygger.followup.tests.factories import make_employment
from brobygger.privacy.registry import AnonymisationTarget
from brobygger.privacy.retention.services import participant_anonymise
from brobygger.privacy.tests.helpers import assert_one_event_per_changed_row, audit_per_row

pytestmark = pytest.mark.django_db
ANSWERED = dt.date(2027, 5, 22)
COMPLETION_NOTE = "Dina er sykmeldt fra jobben etter et tilbakefall."
HIRE_NOTE = "Trives, men ønsker færre nattevakter."
DAG_NOTE = "Dag har flyttet til Voss."
STATISTICS = (
    "kind",
    "months",
    "due_on",
    "answered_on",
    "employed",
    "percent",
    "job_kind",
    "funding_source",
)


def answer(personas: Any, subject: Any, months: int, note: str, **fields: Any) -> FollowUpOutcome:
    values = {
        "employed": True,
        "percent": 60,
        "job_kind": "temporary",
        "funding_source": "mb_funds",
        **fields,
    }
    return followup_record(
        by=personas.coordinator,
        subject=subject,
        months=months,
        answered_on=ANSWERED,
        note=note,
        **values,
    )


@pytest.fixture
def dina(personas, time_machine):
    """Completed 20.11.2026 and hired 05.01.2026: answers after completion (6 months, with a
    note) and after the hire (6 months with a note, 12 months without)."""
    time_machine.move_to("2026-11-21 12:00+01:00", tick=False)
    completion = make_completion(personas)
    time_machine.move_to("2027-05-22 12:00+02:00", tick=False)
    participant = personas.enrolment.participant
    job = make_employment(participant)
    answer(personas, completion, 6, COMPLETION_NOTE, employed=False)
    answer(personas, job, 6, HIRE_NOTE)
    answer(personas, job, 12, "", percent=80)
    return participant


@pytest.fixture
def dag(personas, dina):
    participant = personas.other_enrolment.participant
    answer(personas, make_employment(participant), 6, DAG_NOTE)
    return participant


def target(personas: Any, participant: Any) -> AnonymisationTarget:
    enrolment = participant.enrolments.get()
    return AnonymisationTarget(
        participant=participant,
        enrolment_ids=[enrolment.pk],
        by=personas.coordinator,
        organisation_by_enrolment={enrolment.pk: personas.bergen},
        organisation=personas.bergen,
    )


def rows(client: Any, user: Any) -> list[dict[str, Any]]:
    client.force_login(user)
    response = client.get(reverse("my_data_download"))
    assert response.status_code == 200
    return json.loads(response.content)["sections"]["followup"]["tables"]["followups"]["rows"]


def test_the_download_holds_the_person_s_follow_up_answers(client, personas, dina, dag):
    answers = rows(client, personas.participant_user)
    assert [
        (a["kind"], a["months"], a["due_on"], a["employed"], a["percent"], a["note"])
        for a in answers
    ] == [
        ("hire", 6, "2026-07-05", True, 60, HIRE_NOTE),
        ("hire", 12, "2027-01-05", True, 80, ""),
        ("completion", 6, "2027-05-20", False, None, COMPLETION_NOTE),
    ]
    assert (answers[0]["job_kind_label"], answers[0]["funding_source_label"]) == (
        "Midlertidig",
        "MB-midler (øremerket)",
    )
    assert answers[0]["answered_on"] == "2027-05-22"


def test_it_holds_nothing_of_another_person(client, personas, dina, dag):
    answers = rows(client, personas.participant_user)
    assert DAG_NOTE not in json.dumps(answers)
    assert len(answers) == FollowUpOutcome.objects.filter(participant=dina).count() == 3


def test_the_readable_page_shows_the_answers(client, personas, dina):
    client.force_login(personas.participant_user)
    page = client.get(reverse("my_data")).content.decode()
    assert "Oppfølgingssvar" in page and "Etter ansettelse" in page
    assert HIRE_NOTE in page


def test_the_section_s_query_count_does_not_grow_with_the_rows(
    personas, dina, django_assert_num_queries
):
    FollowUpOutcome.objects.filter(participant=dina, kind="hire").delete()
    with django_assert_num_queries(1):
        assert len(followup_section(dina)[0].rows) == 1
    job = make_employment(dina, start=dt.date(2026, 2, 1))
    answer(personas, job, 6, "a")
    answer(personas, job, 12, "b")
    with django_assert_num_queries(1):
        assert len(followup_section(dina)[0].rows) == 3


def test_anonymisation_clears_the_notes_and_keeps_the_answers(personas, dina, dag):
    before = list(FollowUpOutcome.objects.order_by("pk").values_list(*STATISTICS))
    participant_anonymise(by=personas.coordinator, participant=dina)
    assert set(FollowUpOutcome.objects.filter(participant=dina).values_list("note", flat=True)) == {
        ""
    }
    assert list(FollowUpOutcome.objects.order_by("pk").values_list(*STATISTICS)) == before
    assert FollowUpOutcome.objects.get(participant=dag).note == DAG_NOTE


def test_anonymisation_writes_one_audit_event_per_row_changed(personas, dina, dag):
    with audit_per_row(FollowUpOutcome) as check:
        result = followup_anonymise(target(personas, dina))
    assert_one_event_per_changed_row(check)
    assert result.rows_changed == len(check.changed) == 2  # the 12-month answer had no note
    events = AuditEvent.objects.filter(action="anonymise", object_type="followup.followupoutcome")
    assert [e.changes for e in events] == [{"note": [REDACTED, ""]}] * 2
    assert {e.organisation for e in events} == {personas.bergen}


def test_running_the_anonymiser_twice_changes_nothing_more(personas, dina):
    followup_anonymise(target(personas, dina))
    events = AuditEvent.objects.count()
    with audit_per_row(FollowUpOutcome) as check:
        assert followup_anonymise(target(personas, dina)).rows_changed == 0
    assert check.changed == set()
    assert AuditEvent.objects.count() == events


def test_audit_events_of_answers_hide_the_note(personas, dina):
    created = AuditEvent.objects.filter(
        object_type="followup.followupoutcome", action="create"
    ).order_by("id")
    assert [e.changes["note"] for e in created] == [[None, REDACTED], [None, REDACTED], [None, ""]]
    assert created[1].changes["percent"] == [None, 60]  # not personal: kept
    trail = json.dumps(list(AuditEvent.objects.values_list("changes", flat=True)))
    assert COMPLETION_NOTE not in trail and HIRE_NOTE not in trail
