"""The rates table is append-only: a change is a new row from a later date."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from brobygger.core.models import AuditEvent
from brobygger.subsidy.models import SubsidyRate
from brobygger.subsidy.services import rate_add, rate_withdraw

D = dt.date


def add(personas, **overrides):
    values: dict[str, Any] = {
        "subsidy_type": "temporary",
        "reduced_capacity": False,
        "phase": "first",
        "percent": Decimal("45"),
        "phase_months": 6,
        "max_months": 12,
        "valid_from": D(2027, 1, 1),
        "note": "Nytt rundskriv",
    }
    values.update(overrides)
    return rate_add(by=personas.admin, **values)


def refused(personas, **overrides):
    before = list(SubsidyRate.objects.values())
    with pytest.raises(ValidationError) as info:
        add(personas, **overrides)
    assert list(SubsidyRate.objects.values()) == before  # nothing added, nothing changed
    return info.value.message_dict


def test_a_change_is_a_new_row_and_the_old_row_is_untouched(personas, today):
    old = SubsidyRate.objects.get(subsidy_type="temporary", reduced_capacity=False, phase="first")
    before = SubsidyRate.objects.filter(pk=old.pk).values().get()
    new = add(personas)
    assert new.pk != old.pk
    assert (new.percent, new.valid_from, new.created_by) == (
        Decimal("45"),
        D(2027, 1, 1),
        personas.admin,
    )
    assert SubsidyRate.objects.filter(pk=old.pk).values().get() == before
    assert SubsidyRate.objects.count() == 11
    assert AuditEvent.objects.get(object_type="subsidy.subsidyrate").action == "create"


def test_editing_a_row_in_force_from_its_own_date_is_refused(personas, today):
    # "Editing" the seeded 40 % row means a row with the same key and date: refused.
    errors = refused(personas, valid_from=D(2025, 1, 1))
    assert errors["valid_from"][0].startswith("En ny sats må gjelde fra en dato etter i dag.")


def test_a_row_cannot_start_today_or_earlier(personas, today):
    errors = refused(personas, valid_from=D(2026, 12, 1))
    assert errors["valid_from"][0].startswith("En ny sats må gjelde fra en dato etter i dag.")


def test_a_row_starts_on_the_first_of_a_month(personas, today):
    errors = refused(personas, valid_from=D(2027, 1, 15))
    assert errors["valid_from"] == ["En sats gjelder fra den 1. i en måned."]


def test_a_row_cannot_slip_in_before_a_planned_row(personas, today):
    add(personas, valid_from=D(2027, 3, 1))
    errors = refused(personas, valid_from=D(2027, 2, 1))
    assert errors["valid_from"] == [
        "Det finnes allerede en sats fra 01.03.2027. En endring må gjelde fra en senere dato."
    ]


def test_percent_over_100_is_refused(personas, today):
    assert refused(personas, percent=Decimal("100.5"))["percent"] == [
        "Prosenten må være over 0 og høyst 100."
    ]
    assert refused(personas, percent=Decimal("0"))["percent"]


def test_phase_and_max_months_must_be_positive(personas, today):
    errors = refused(personas, phase_months=0, max_months=0)
    assert errors["phase_months"] == ["Første periode må vare minst én måned."]
    assert errors["max_months"] == ["Lengste varighet må være minst én måned, eller tom."]


def test_a_planned_row_can_be_withdrawn_but_a_row_in_force_cannot(personas, today):
    planned = add(personas)
    rate_withdraw(by=personas.admin, rate=planned)
    assert not SubsidyRate.objects.filter(pk=planned.pk).exists()
    assert AuditEvent.objects.filter(action="delete", object_type="subsidy.subsidyrate").count()
    in_force = SubsidyRate.objects.get(
        subsidy_type="temporary", reduced_capacity=False, phase="first"
    )
    with pytest.raises(ValidationError) as info:
        rate_withdraw(by=personas.admin, rate=in_force)
    assert "kan ikke endres eller fjernes" in info.value.messages[0]
    assert SubsidyRate.objects.filter(pk=in_force.pk).exists()
