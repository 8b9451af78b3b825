"""agreement_transition: the explicit table, who may approve, dated history."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from brobygger.accounts.models import Role
from brobygger.core.models import AuditEvent
from brobygger.organisations.models import OrganisationKind
from brobygger.subsidy.models import AgreementStatus, AgreementStatusChange
from brobygger.subsidy.services import agreement_transition
from brobygger.subsidy.tests.factories import make_agreement
from brobygger.subsidy.transitions import ALLOWED, WHO, can_transition
from brobygger.testing import make_org, make_user

S = AgreementStatus


def test_the_table_allows_exactly_the_documented_paths():
    assert can_transition(S.DRAFT, S.APPROVED)
    assert can_transition(S.APPROVED, S.ACTIVE)
    assert can_transition(S.ACTIVE, S.ENDED)
    assert can_transition(S.DRAFT, S.CANCELLED) and can_transition(S.APPROVED, S.CANCELLED)
    assert not can_transition(S.DRAFT, S.ACTIVE)
    assert not can_transition(S.ACTIVE, S.CANCELLED)
    assert ALLOWED[S.ENDED] == ALLOWED[S.CANCELLED] == frozenset()
    assert WHO[S.APPROVED] == {Role.CASEWORKER}


def test_the_caseworker_at_the_nav_office_approves_and_is_recorded(personas, travel):
    travel(dt.date(2025, 12, 1))
    agreement = make_agreement(personas)
    travel(dt.date(2025, 12, 10))
    agreement = agreement_transition(
        by=personas.caseworker, agreement=agreement, to=S.APPROVED, note="Vurdert og godkjent"
    )
    assert agreement.status == S.APPROVED
    assert (agreement.approved_by, agreement.approved_on) == (
        personas.caseworker,
        dt.date(2025, 12, 10),
    )
    rows = list(AgreementStatusChange.objects.filter(agreement=agreement).order_by("id"))
    assert [(r.status, r.valid_from, r.valid_to) for r in rows] == [
        ("draft", dt.date(2025, 12, 1), dt.date(2025, 12, 10)),
        ("approved", dt.date(2025, 12, 10), None),
    ]
    assert rows[1].created_by == personas.caseworker
    assert rows[1].note == "Vurdert og godkjent"
    # One audit row per row written: the closed draft row, the new row, the agreement.
    closed = AuditEvent.objects.get(action="close")
    assert (closed.object_id, closed.changes) == (
        str(rows[0].pk),
        {"valid_to": [None, "[skjult]"]},
    )
    assert AuditEvent.objects.get(action="transition").changes == {
        "status": ["draft", "approved"],
        "approved_by_id": [None, personas.caseworker.pk],
        "approved_on": [None, "[skjult]"],  # dates about a person stay out of the trail
    }


def test_a_coordinator_cannot_approve(personas, today):
    agreement = make_agreement(personas)
    with pytest.raises(ValidationError) as info:
        agreement_transition(by=personas.coordinator, agreement=agreement, to=S.APPROVED)
    assert info.value.messages == ["Bare en NAV-veileder kan godkjenne avtalen."]
    agreement.refresh_from_db()
    assert agreement.status == S.DRAFT
    assert AgreementStatusChange.objects.filter(agreement=agreement).count() == 1


def test_a_caseworker_at_another_nav_office_cannot_approve(personas, today):
    elsewhere = make_org("NAV Stavanger", kind=OrganisationKind.NAV_OFFICE, kommune="1103")
    stranger = make_user(role=Role.CASEWORKER, org=elsewhere)
    agreement = make_agreement(personas)
    with pytest.raises(ValidationError) as info:
        agreement_transition(by=stranger, agreement=agreement, to=S.APPROVED)
    assert info.value.messages == ["Bare en NAV-veileder ved NAV Bergen sør kan godkjenne avtalen."]


def test_a_transition_outside_the_table_is_refused(personas, today):
    agreement = make_agreement(personas)
    with pytest.raises(ValidationError) as info:
        agreement_transition(by=personas.caseworker, agreement=agreement, to=S.ACTIVE)
    assert info.value.messages == ["Kan ikke endre status fra «Utkast» til «Aktiv»."]


def test_the_date_cannot_go_back_before_the_last_change(personas, today):
    agreement = make_agreement(personas)
    with pytest.raises(ValidationError) as info:
        agreement_transition(
            by=personas.caseworker, agreement=agreement, to=S.APPROVED, on=dt.date(2026, 1, 1)
        )
    assert info.value.message_dict["on"] == [
        "Datoen kan ikke være før forrige statusendring (15.12.2026)."
    ]


def test_ending_takes_the_first_month_without_subsidy(personas, travel):
    travel(dt.date(2025, 12, 1))
    agreement = make_agreement(personas)
    agreement = agreement_transition(by=personas.caseworker, agreement=agreement, to=S.APPROVED)
    travel(dt.date(2026, 1, 1))  # made active on the day it starts, not ahead of it
    agreement = agreement_transition(
        by=personas.coordinator, agreement=agreement, to=S.ACTIVE, on=dt.date(2026, 1, 1)
    )
    travel(dt.date(2026, 5, 20))
    with pytest.raises(ValidationError) as info:
        agreement_transition(
            by=personas.coordinator, agreement=agreement, to=S.ENDED, on=dt.date(2026, 5, 20)
        )
    assert "den 1. i en måned" in info.value.message_dict["on"][0]
    with pytest.raises(ValidationError):  # after the agreement's own end
        agreement_transition(
            by=personas.coordinator, agreement=agreement, to=S.ENDED, on=dt.date(2027, 2, 1)
        )
    agreement = agreement_transition(
        by=personas.coordinator, agreement=agreement, to=S.ENDED, on=dt.date(2026, 6, 1)
    )
    assert (agreement.status, agreement.ended_on) == (S.ENDED, dt.date(2026, 6, 1))
    statuses = AgreementStatusChange.objects.filter(agreement=agreement).values_list(
        "status", flat=True
    )
    assert list(statuses.order_by("id")) == ["draft", "approved", "active", "ended"]


def test_cancelling_is_final(personas, today):
    agreement = make_agreement(personas)
    agreement = agreement_transition(by=personas.coordinator, agreement=agreement, to=S.CANCELLED)
    with pytest.raises(ValidationError):
        agreement_transition(by=personas.caseworker, agreement=agreement, to=S.APPROVED)
