"""The subsidy app in "Mine data", in anonymisation and in the audit trail (privacy.py)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from brobygger.core.appendonly import REDACTED
from brobygger.core.models import AuditEvent
from brobygger.privacy.registry import AnonymisationTarget
from brobygger.privacy.retention.services import participant_anonymise
from brobygger.privacy.tests.helpers import assert_one_event_per_changed_row, audit_per_row
from brobygger.subsidy.models import (
    Agreement,
    AgreementStatus,
    AgreementStatusChange,
    RefundLine,
    RefundPeriod,
)
from brobygger.subsidy.privacy import subsidy_anonymise, subsidy_section
from brobygger.subsidy.services import agreement_transition, refund_period_create
from brobygger.subsidy.tests.factories import WAGE_ORE, make_agreement

pytestmark = pytest.mark.django_db
D = dt.date
APPROVED_NOTE = "Dina har hatt lange sykemeldinger, se vedtak."
ACTIVE_NOTE = "Oppstart avtalt med Dina på telefon."
DAG_NOTE = "Dag har fått innvilget AAP på nytt."


def agreement_with_refunds(personas: Any, participant: Any, notes: list[str]) -> Agreement:
    """Approved and made active with a note at each step, and two refund periods claimed
    (January-March, April-May 2026): five months in all."""
    agreement = make_agreement(personas, participant=participant)
    for to, note in zip((AgreementStatus.APPROVED, AgreementStatus.ACTIVE), notes, strict=True):
        agreement = agreement_transition(
            by=personas.caseworker, agreement=agreement, to=to, note=note
        )
    for start, end in ((D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 4, 1), D(2026, 5, 31))):
        refund_period_create(
            by=personas.caseworker, agreement=agreement, period_start=start, period_end=end
        )
    return agreement


@pytest.fixture
def dina(personas, today):
    participant = personas.enrolment.participant
    agreement_with_refunds(personas, participant, [APPROVED_NOTE, ACTIVE_NOTE])
    return participant


@pytest.fixture
def dag(personas, today):
    participant = personas.other_enrolment.participant
    agreement_with_refunds(personas, participant, [DAG_NOTE, ""])
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


def section(client: Any, user: Any) -> dict[str, list[dict[str, Any]]]:
    client.force_login(user)
    response = client.get(reverse("my_data_download"))
    assert response.status_code == 200
    data = json.loads(response.content)
    return {key: t["rows"] for key, t in data["sections"]["subsidy"]["tables"].items()}


def test_the_download_holds_the_agreements_history_and_refund_summary(client, personas, dina, dag):
    tables = section(client, personas.participant_user)
    (agreement,) = tables["subsidy_agreements"]
    mine = Agreement.objects.get(participant=dina)
    expected_total = sum(
        RefundPeriod.objects.filter(agreement=mine).values_list("amount_ore", flat=True)
    )
    assert agreement["id"] == mine.pk
    assert (agreement["subsidy_type"], agreement["status"]) == ("temporary", "active")
    assert (agreement["start_date"], agreement["end_date"], agreement["months"]) == (
        "2026-01-01",
        "2026-12-31",
        12,
    )
    assert agreement["monthly_wage_ore"] == WAGE_ORE
    assert agreement["monthly_wage"] == "32\u00a0123,45\u00a0kr"
    assert Decimal(agreement["holiday_pay_rate"]) == Decimal("10.2")
    assert agreement["holiday_pay_rate_label"] == "10,2\u00a0%"
    assert (agreement["months_refunded"], agreement["refunded_ore"]) == (5, expected_total)
    assert [(h["status"], h["note"]) for h in tables["subsidy_history"]] == [
        ("draft", ""),
        ("approved", APPROVED_NOTE),
        ("active", ACTIVE_NOTE),
    ]
    assert [
        (r["period_start"], r["period_end"], r["months"]) for r in tables["subsidy_refunds"]
    ] == [
        ("2026-01-01", "2026-03-31", 3),
        ("2026-04-01", "2026-05-31", 2),
    ]
    assert tables["subsidy_refunds"][0]["amount_ore"] == 4_943_913  # test_services_refund.py


def test_it_holds_nothing_of_another_person(client, personas, dina, dag):
    tables = section(client, personas.participant_user)
    assert DAG_NOTE not in json.dumps(tables)
    mine = Agreement.objects.get(participant=dina).pk
    assert {r["id"] for r in tables["subsidy_agreements"]} == {mine}
    assert {r["agreement_id"] for r in tables["subsidy_history"]} == {mine}
    assert {r["agreement_id"] for r in tables["subsidy_refunds"]} == {mine}


def test_the_readable_page_shows_kroner_and_percent_not_ore(client, personas, dina):
    client.force_login(personas.participant_user)
    page = client.get(reverse("my_data")).content.decode()
    assert "Lønnstilskudd" in page and "Refusjonsperioder" in page
    assert "32\u00a0123,45\u00a0kr" in page
    assert str(WAGE_ORE) not in page
    assert APPROVED_NOTE in page


def test_the_section_s_query_count_does_not_grow_with_the_rows(
    personas, dina, django_assert_num_queries
):
    with django_assert_num_queries(3):
        subsidy_section(dina)
    agreement_with_refunds(personas, dina, ["", ""])
    with django_assert_num_queries(3):
        tables = subsidy_section(dina)
    assert [len(t.rows) for t in tables] == [2, 6, 4]


def test_anonymisation_clears_the_notes_and_keeps_every_figure(personas, dina, dag):
    def figures() -> Any:
        return (
            list(
                Agreement.objects.values_list(
                    "participant_id",
                    "subsidy_type",
                    "reduced_capacity",
                    "start_date",
                    "months",
                    "monthly_wage_ore",
                    "holiday_pay_rate",
                    "pension_rate",
                    "employer_tax_rate",
                    "status",
                    "approved_on",
                    "ended_on",
                ).order_by("pk")
            ),
            list(
                AgreementStatusChange.objects.values_list(
                    "status", "valid_from", "valid_to"
                ).order_by("pk")
            ),
            list(
                RefundPeriod.objects.values_list(
                    "period_start", "period_end", "amount_ore"
                ).order_by("pk")
            ),
            list(
                RefundLine.objects.values_list(
                    "month", "percent", "cost_ore", "amount_ore"
                ).order_by("pk")
            ),
        )

    before = figures()
    participant_anonymise(by=personas.coordinator, participant=dina)
    notes = AgreementStatusChange.objects.filter(agreement__participant=dina)
    assert set(notes.values_list("note", flat=True)) == {""}
    assert figures() == before
    assert AgreementStatusChange.objects.filter(note=DAG_NOTE).count() == 1  # Dag untouched


def test_anonymisation_writes_one_audit_event_per_row_changed(personas, dina, dag):
    with audit_per_row(AgreementStatusChange, Agreement, RefundPeriod) as check:
        result = subsidy_anonymise(target(personas, dina))
    assert_one_event_per_changed_row(check)
    assert result.rows_changed == len(check.changed) == 2  # the draft row had no note
    events = AuditEvent.objects.filter(
        action="anonymise", object_type="subsidy.agreementstatuschange"
    )
    assert {e.organisation for e in events} == {personas.nav}
    assert [e.changes for e in events] == [{"note": [REDACTED, ""]}] * 2


def test_running_the_anonymiser_twice_changes_nothing_more(personas, dina):
    subsidy_anonymise(target(personas, dina))
    events = AuditEvent.objects.count()
    with audit_per_row(AgreementStatusChange) as check:
        result = subsidy_anonymise(target(personas, dina))
    assert result.rows_changed == 0
    assert check.changed == set()
    assert AuditEvent.objects.count() == events


def test_audit_events_of_notes_hide_the_text(personas, dina):
    created = AuditEvent.objects.filter(
        object_type="subsidy.agreementstatuschange", action="create"
    ).order_by("id")
    assert [e.changes["note"] for e in created] == [[None, ""], [None, REDACTED], [None, REDACTED]]
    assert created[1].changes["status"] == [None, "approved"]  # not personal: kept
    trail = json.dumps(list(AuditEvent.objects.values_list("changes", flat=True)))
    assert APPROVED_NOTE not in trail and ACTIVE_NOTE not in trail
    # The wage is a figure, not personal: the audit trail keeps it.
    agreement_event = AuditEvent.objects.get(object_type="subsidy.agreement", action="create")
    assert agreement_event.changes["monthly_wage_ore"] == [None, WAGE_ORE]
