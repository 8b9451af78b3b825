import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from brobygger.employment import services
from brobygger.employment.funding import FundingRow
from brobygger.employment.models import (
    Benefit,
    Employment,
    EmploymentFunding,
    EmploymentSource,
    FundingSource,
)
from brobygger.employment.tests.factories import ORGNR_BAD_CHECK, ORGNR_OK, make_employment
from brobygger.organisations.models import Municipality, Organisation, OrganisationKind

D = dt.date


def test_an_outside_job_is_recorded_with_percent_funding_and_benefit(personas):
    employment = make_employment(personas)
    assert employment.source == EmploymentSource.OUTSIDE
    assert employment.benefit == Benefit.AAP
    assert employment.percents.get().percent == 50
    assert employment.funding.get().source == FundingSource.ORDINARY_BUDGET


def test_an_outside_job_may_register_a_new_employer_with_a_checked_orgnr(personas):
    employment = services.employment_register_outside(
        by=personas.caseworker,
        participant=personas.enrolment.participant,
        employer=None,
        new_employer={
            "name": "Kafé Bro AS",
            "orgnr": ORGNR_OK,
            "municipality": Municipality.objects.get(number="4601"),
        },
        job_title="Kafémedarbeider",
        kind="temporary",
        start_date=D(2026, 3, 1),
        percent=40,
    )
    assert employment.employer.kind == OrganisationKind.EMPLOYER
    assert employment.employer.orgnr == ORGNR_OK


def test_a_wrong_orgnr_check_digit_saves_neither_employer_nor_job(personas):
    count = Organisation.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.employment_register_outside(
            by=personas.caseworker,
            participant=personas.enrolment.participant,
            employer=None,
            new_employer={
                "name": "Kafé Bro AS",
                "orgnr": ORGNR_BAD_CHECK,
                "municipality": Municipality.objects.get(number="4601"),
            },
            job_title="Kafémedarbeider",
            kind="temporary",
            start_date=D(2026, 3, 1),
            percent=40,
        )
    assert "kontrollsiffer" in exc.value.message_dict["employer_orgnr"][0]
    assert Organisation.objects.count() == count
    assert not Employment.objects.exists()


def test_other_benefit_needs_a_description(personas):
    with pytest.raises(ValidationError) as exc:
        make_employment(personas, benefit=Benefit.OTHER, benefit_other="")
    assert "benefit_other" in exc.value.message_dict
    assert not Employment.objects.exists()


def test_percent_periods_are_added_inside_the_employment(personas):
    employment = make_employment(personas, end_date=D(2026, 12, 31))
    services.employment_percent_add(
        by=personas.coordinator, employment=employment, percent=60, valid_from=D(2026, 6, 1)
    )
    assert [p.percent for p in employment.percents.order_by("valid_from")] == [50, 60]
    with pytest.raises(ValidationError) as exc:
        services.employment_percent_add(
            by=personas.coordinator, employment=employment, percent=70, valid_from=D(2027, 1, 1)
        )
    assert "valid_from" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.employment_percent_add(
            by=personas.coordinator, employment=employment, percent=101, valid_from=D(2026, 7, 1)
        )
    assert exc.value.message_dict["percent"] == ["Stillingsprosenten må være mellom 1 og 100."]
    assert employment.percents.count() == 2


def test_a_funding_period_that_pushes_a_day_over_100_percent_is_refused(personas):
    employment = make_employment(personas)
    with pytest.raises(ValidationError) as exc:
        services.employment_funding_add(
            by=personas.coordinator,
            employment=employment,
            source=FundingSource.NAV_WAGE_SUBSIDY,
            share_percent=40,
            valid_from=D(2026, 2, 1),
            valid_to=D(2026, 7, 31),
        )
    assert "140 % fra 01.02.2026" in exc.value.message_dict["funding"][0]
    assert EmploymentFunding.objects.filter(employment=employment).count() == 1


def test_a_benefit_change_is_a_new_period_and_is_audited(personas):
    from brobygger.core.models import AuditEvent

    employment = make_employment(personas)
    services.employment_benefit_add(
        by=personas.caseworker,
        employment=employment,
        kind=Benefit.UFORETRYGD,
        grade_percent=50,
        valid_from=D(2026, 3, 1),
    )
    assert sorted(employment.benefits.values_list("kind", flat=True)) == ["aap", "uforetrygd"]
    event = AuditEvent.objects.get(
        object_type="employment.employmentbenefit", action="create", actor=personas.caseworker
    )
    assert event.changes["kind"] == [None, "uforetrygd"]
    assert event.changes["grade_percent"] == [None, 50]


def test_an_end_before_start_is_refused(personas):
    employment = make_employment(personas)
    with pytest.raises(ValidationError) as exc:
        services.employment_update(
            by=personas.coordinator, employment=employment, end_date=D(2025, 12, 1)
        )
    assert exc.value.message_dict["end_date"] == ["Sluttdatoen kan ikke være før startdatoen."]


def test_funding_rows_are_kept_for_outcomes(personas):
    employment = make_employment(
        personas,
        funding=[
            FundingRow(FundingSource.NAV_WAGE_SUBSIDY, 40, D(2026, 1, 1), D(2026, 6, 30)),
            FundingRow(FundingSource.ORDINARY_BUDGET, 60, D(2026, 1, 1), None),
        ],
    )
    assert employment.funding.count() == 2
