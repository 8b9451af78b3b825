import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from brobygger.core.models import AuditEvent
from brobygger.employment import services
from brobygger.employment.funding import FundingRow
from brobygger.employment.models import FundingSource, Position, PositionFunding
from brobygger.employment.tests.factories import make_position, position_fields

D = dt.date


def test_an_employer_creates_a_position_with_funding_and_audit_rows(personas):
    position = make_position(personas.employer, personas.employer_org)
    assert position.employer == personas.employer_org
    assert [(f.source, f.share_percent) for f in position.funding.all()] == [
        (FundingSource.MB_FUNDS, 100)
    ]
    assert AuditEvent.objects.filter(object_type="employment.position").count() == 1
    assert AuditEvent.objects.filter(object_type="employment.positionfunding").count() == 1


def test_a_position_may_be_saved_without_a_description(personas):
    position = make_position(personas.employer, personas.employer_org, description="")
    assert position.description == ""


def test_positions_belong_only_to_employer_organisations(personas):
    with pytest.raises(ValidationError) as exc:
        make_position(personas.coordinator, personas.bergen)
    assert "employer" in exc.value.message_dict
    assert not Position.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"percent": 101}, "percent", "Stillingsprosenten må være mellom 1 og 100."),
        ({"end_date": D(2026, 7, 1)}, "end_date", "Sluttdatoen kan ikke være før startdatoen."),
        (
            {
                "funding": [
                    FundingRow(FundingSource.ORDINARY_BUDGET, 60, D(2026, 8, 1), None),
                    FundingRow(FundingSource.NAV_WAGE_SUBSIDY, 50, D(2026, 9, 1), D(2027, 2, 28)),
                ]
            },
            "funding",
            "110 % fra 01.09.2026",
        ),
    ],
)
def test_bad_input_is_refused_with_a_norwegian_message_and_nothing_saved(
    personas, overrides, field, text
):
    with pytest.raises(ValidationError) as exc:
        make_position(personas.employer, personas.employer_org, **overrides)
    assert any(text in m for m in exc.value.message_dict[field])
    assert not Position.objects.exists()
    assert not PositionFunding.objects.exists()


def test_update_replaces_the_funding_and_audits_the_change(personas):
    position = make_position(personas.employer, personas.employer_org)
    new = [
        FundingRow(FundingSource.PROJECT, 50, D(2026, 8, 1), D(2026, 12, 31)),
        FundingRow(FundingSource.NAV_WAGE_SUBSIDY, 50, D(2026, 8, 1), D(2026, 12, 31)),
    ]
    fields = position_fields(percent=60)
    fields.pop("funding")
    services.position_update(by=personas.employer, position=position, funding=new, **fields)
    position.refresh_from_db()
    assert position.percent == 60
    assert sorted(f.source for f in position.funding.all()) == ["nav_wage_subsidy", "project"]
    assert AuditEvent.objects.filter(object_type="employment.position", action="update").exists()
    assert AuditEvent.objects.filter(
        object_type="employment.positionfunding", action="delete"
    ).exists()


def test_a_refused_update_changes_nothing(personas):
    position = make_position(personas.employer, personas.employer_org)
    fields = position_fields(percent=40)
    fields.pop("funding")
    bad = [FundingRow(FundingSource.PROJECT, 120, D(2026, 8, 1), None)]
    with pytest.raises(ValidationError):
        services.position_update(by=personas.employer, position=position, funding=bad, **fields)
    position.refresh_from_db()
    assert position.percent == 50
    assert [f.share_percent for f in position.funding.all()] == [100]
