"""Diplomas in "Mine data" (diplomas/privacy.py), in anonymisation (the privacy app's
completion anonymiser clears the invalidation reason) and in the audit trail."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from brobygger.core.appendonly import REDACTED
from brobygger.core.models import AuditEvent
from brobygger.diplomas.models import Diploma
from brobygger.diplomas.privacy import diplomas_section
from brobygger.diplomas.services import diploma_invalidate
from brobygger.diplomas.tests.factories import make_diploma
from brobygger.privacy.registry import AnonymisationTarget
from brobygger.privacy.retention.anonymisers import completion_anonymise
from brobygger.privacy.retention.services import participant_anonymise
from brobygger.privacy.tests.helpers import assert_one_event_per_changed_row, audit_per_row
from brobygger.testing import make_cohort, make_enrolment

pytestmark = pytest.mark.django_db
REASON = "Dina leverte en annen persons oppgave."


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-21 12:00+01:00", tick=False)


@pytest.fixture
def dina(personas):
    return make_diploma(personas)


@pytest.fixture
def dag(personas):
    return make_diploma(personas, personas.other_enrolment)


def invalidated(personas: Any, diploma: Diploma) -> Diploma:
    return diploma_invalidate(diploma=diploma, by=personas.coordinator, reason=REASON)


def target(personas: Any) -> AnonymisationTarget:
    enrolment = personas.enrolment
    return AnonymisationTarget(
        participant=enrolment.participant,
        enrolment_ids=[enrolment.pk],
        by=personas.coordinator,
        organisation_by_enrolment={enrolment.pk: personas.bergen},
        organisation=personas.bergen,
    )


def rows(client: Any, user: Any) -> list[dict[str, Any]]:
    client.force_login(user)
    response = client.get(reverse("my_data_download"))
    assert response.status_code == 200
    return json.loads(response.content)["sections"]["diplomas"]["tables"]["diplomas"]["rows"]


def test_the_download_holds_the_code_the_issue_date_and_that_it_is_valid(
    client, personas, dina, dag
):
    (row,) = rows(client, personas.participant_user)
    assert row["code"] == dina.display_code
    assert row["issued_at"].startswith("2026-11-21")
    assert (row["valid"], row["invalidated_at"], row["invalidation_reason"]) == (True, None, "")
    assert row["enrolment_id"] == personas.enrolment.pk
    assert row["programme"] == personas.cohort.version.programme.name


def test_an_invalidated_diploma_shows_as_not_valid_with_the_reason(client, personas, dina):
    invalidated(personas, dina)
    (row,) = rows(client, personas.participant_user)
    assert (row["valid"], row["invalidation_reason"]) == (False, REASON)
    assert row["invalidated_at"] is not None


def test_it_holds_nothing_of_another_person(client, personas, dina, dag):
    text = json.dumps(rows(client, personas.participant_user))
    assert dag.display_code not in text and dag.code not in text


def test_the_readable_page_shows_the_diploma(client, personas, dina):
    client.force_login(personas.participant_user)
    page = client.get(reverse("my_data")).content.decode()
    assert "Vitnemål" in page and dina.display_code in page


def test_the_section_s_query_count_does_not_grow_with_the_rows(
    personas, dina, django_assert_num_queries
):
    participant = personas.enrolment.participant
    with django_assert_num_queries(1):
        assert len(diplomas_section(participant)[0].rows) == 1
    second = make_enrolment(
        make_cohort(personas.version, coordinators=[personas.coordinator]), participant=participant
    )
    make_diploma(personas, second)
    with django_assert_num_queries(1):
        assert len(diplomas_section(participant)[0].rows) == 2


def test_anonymisation_clears_the_reason_and_keeps_the_code_and_dates(client, personas, dina, dag):
    dina = invalidated(personas, dina)
    with audit_per_row(Diploma) as check:
        participant_anonymise(by=personas.coordinator, participant=personas.enrolment.participant)
    assert_one_event_per_changed_row(check)
    after = Diploma.objects.get(pk=dina.pk)
    assert after.invalidation_reason == "[anonymisert]"
    assert (after.code, after.issued_at, after.invalidated_at) == (
        dina.code,
        dina.issued_at,
        dina.invalidated_at,
    )
    # The public check page still answers for the code.
    page = client.get(reverse("diploma_verify"), {"kode": dina.display_code}).content.decode()
    assert "Ugyldig vitnemål" in page
    assert Diploma.objects.get(pk=dag.pk).is_valid


def test_running_the_anonymiser_twice_changes_nothing_more(personas, dina):
    invalidated(personas, dina)
    completion_anonymise(target(personas))
    events = AuditEvent.objects.count()
    with audit_per_row(Diploma) as check:
        assert completion_anonymise(target(personas)).rows_changed == 0
    assert check.changed == set()
    assert AuditEvent.objects.count() == events


def test_the_invalidation_reason_never_reaches_the_audit_trail(personas, dina):
    invalidated(personas, dina)
    event = AuditEvent.objects.get(object_type="diplomas.diploma", action="invalidate")
    assert event.changes["invalidation_reason"] == [None, REDACTED]
    assert event.changes["invalidated_at"][1] is not None  # not personal: kept
    assert REASON not in json.dumps(list(AuditEvent.objects.values_list("changes", flat=True)))
