"""agreement_create / agreement_update: the terms, the rates table limits, and audit rows."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from brobygger.core.models import AuditEvent
from brobygger.employment.models import Employment, EmploymentSource, JobKind
from brobygger.organisations.models import OrganisationKind
from brobygger.subsidy.models import Agreement, AgreementStatus, AgreementStatusChange
from brobygger.subsidy.services import agreement_transition, agreement_update
from brobygger.subsidy.tests.factories import make_agreement
from brobygger.testing import make_org


def refused(personas, **overrides):
    with pytest.raises(ValidationError) as info:
        make_agreement(personas, **overrides)
    assert Agreement.objects.count() == 0
    assert AgreementStatusChange.objects.count() == 0
    return info.value.message_dict


def test_a_new_agreement_is_a_draft_with_a_dated_history_row_and_audit(personas, today):
    agreement = make_agreement(personas)
    assert agreement.status == AgreementStatus.DRAFT
    assert agreement.end_date == dt.date(2026, 12, 31)
    row = AgreementStatusChange.objects.get(agreement=agreement)
    assert (row.status, row.valid_from, row.valid_to, row.created_by) == (
        "draft",
        today,
        None,
        personas.coordinator,
    )
    events = AuditEvent.objects.filter(object_type="subsidy.agreement", object_id=str(agreement.pk))
    assert events.get().changes["monthly_wage_ore"] == [None, 3_212_345]
    assert AuditEvent.objects.filter(object_type="subsidy.agreementstatuschange").count() == 1


def test_negative_wage_is_refused(personas, today):
    errors = refused(personas, monthly_wage_ore=-1)
    assert errors["monthly_wage_ore"] == ["Månedslønnen kan ikke være negativ."]


def test_a_rate_over_100_percent_is_refused(personas, today):
    errors = refused(personas, holiday_pay_rate=Decimal("100.5"), employer_tax_rate=Decimal(-1))
    assert errors["holiday_pay_rate"] == ["Satsen må være mellom 0 og 100 %."]
    assert errors["employer_tax_rate"] == ["Satsen må være mellom 0 og 100 %."]


def test_the_start_must_be_the_first_of_a_month(personas, today):
    errors = refused(personas, start_date=dt.date(2026, 1, 15))
    assert errors["start_date"] == ["Avtalen må starte den 1. i en måned (hele måneder)."]


def test_zero_months_is_refused(personas, today):
    assert refused(personas, months=0)["months"] == ["Varigheten må være minst én måned."]


def test_temporary_subsidy_is_limited_to_12_months_or_24_with_reduced_capacity(personas, today):
    errors = refused(personas, months=13)
    assert errors["months"] == [
        "Midlertidig lønnstilskudd uten nedsatt arbeidsevne kan gis i høyst 12 måneder."
    ]
    assert make_agreement(personas, months=24, reduced_capacity=True).months == 24


def test_mentor_grant_is_limited_to_6_months_or_36_with_reduced_capacity(personas, today):
    assert refused(personas, subsidy_type="mentor", months=7)["months"]
    assert make_agreement(personas, subsidy_type="mentor", reduced_capacity=True, months=36)


def test_permanent_subsidy_requires_reduced_capacity(personas, today):
    errors = refused(personas, subsidy_type="permanent")
    assert errors["subsidy_type"] == [
        "Satstabellen har ingen sats for varig lønnstilskudd uten nedsatt arbeidsevne fra "
        "01.01.2026."
    ]
    assert make_agreement(personas, subsidy_type="permanent", reduced_capacity=True, months=36)


def test_a_start_before_the_rates_table_is_refused(personas, today):
    errors = refused(personas, start_date=dt.date(2024, 1, 1))
    assert "ingen sats" in errors["subsidy_type"][0]


def test_the_nav_office_must_be_a_nav_office(personas, today):
    errors = refused(personas, nav_office=personas.bergen)
    assert errors["nav_office"] == ["Velg et NAV-kontor."]


def _employment(personas, participant, employer):
    return Employment.objects.create(
        participant=participant,
        employer=employer,
        source=EmploymentSource.OUTSIDE,
        job_title="Erfaringskonsulent",
        kind=JobKind.TEMPORARY,
        start_date=dt.date(2026, 1, 1),
    )


def test_an_employment_link_must_match_participant_and_employer(personas, today):
    other_employer = make_org("Annen arbeidsgiver", kind=OrganisationKind.EMPLOYER)
    wrong = _employment(personas, personas.enrolment.participant, other_employer)
    errors = refused(personas, employment=wrong)
    assert errors["employment"] == [
        "Arbeidsforholdet må gjelde samme deltaker og samme arbeidsgiver som avtalen."
    ]
    right = _employment(personas, personas.enrolment.participant, personas.employer_org)
    assert make_agreement(personas, employment=right).employment == right


def test_a_draft_can_be_edited_and_the_change_is_audited(personas, today):
    agreement = make_agreement(personas)
    agreement_update(by=personas.caseworker, agreement=agreement, monthly_wage_ore=3_000_000)
    agreement.refresh_from_db()
    assert agreement.monthly_wage_ore == 3_000_000
    event = AuditEvent.objects.get(action="update", object_type="subsidy.agreement")
    assert event.changes == {"monthly_wage_ore": [3_212_345, 3_000_000]}
    assert event.actor == personas.caseworker


def test_bad_input_on_edit_saves_nothing(personas, today):
    agreement = make_agreement(personas)
    with pytest.raises(ValidationError):
        agreement_update(
            by=personas.coordinator, agreement=agreement, months=6, monthly_wage_ore=-5
        )
    agreement.refresh_from_db()
    assert (agreement.months, agreement.monthly_wage_ore) == (12, 3_212_345)


def test_an_approved_agreement_cannot_be_edited(personas, today):
    agreement = make_agreement(personas)
    agreement_transition(by=personas.caseworker, agreement=agreement, to="approved")
    with pytest.raises(ValidationError) as info:
        agreement_update(by=personas.coordinator, agreement=agreement, months=6)
    assert info.value.messages == ["Bare utkast kan endres. Avtalen er «Godkjent»."]
    agreement.refresh_from_db()
    assert agreement.months == 12
