"""Factory helpers for subsidy tests (synthetic people only). They go through the services,
so every row a test builds obeys the same rules as production."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from brobygger.subsidy.models import Agreement, AgreementStatus
from brobygger.subsidy.services import agreement_create, agreement_transition
from brobygger.testing import Personas

START = dt.date(2026, 1, 1)
# 32 123,45 kr a month: see test_calc.py for the hand calculation of its wage costs.
WAGE_ORE = 3_212_345


def terms(personas: Personas, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "participant": personas.enrolment.participant,
        "employer": personas.employer_org,
        "nav_office": personas.nav,
        "subsidy_type": "temporary",
        "reduced_capacity": False,
        "start_date": START,
        "months": 12,
        "monthly_wage_ore": WAGE_ORE,
        "holiday_pay_rate": Decimal("10.2"),
        "pension_rate": Decimal("2"),
        "employer_tax_rate": Decimal("14.1"),
    }
    values.update(overrides)
    return values


def make_agreement(personas: Personas, *, by: Any = None, **overrides: Any) -> Agreement:
    return agreement_create(by=by or personas.coordinator, **terms(personas, **overrides))


def make_active(personas: Personas, **overrides: Any) -> Agreement:
    """An agreement approved by the NAV caseworker and made active, as people would."""
    agreement = make_agreement(personas, **overrides)
    agreement = agreement_transition(
        by=personas.caseworker, agreement=agreement, to=AgreementStatus.APPROVED
    )
    return agreement_transition(
        by=personas.caseworker, agreement=agreement, to=AgreementStatus.ACTIVE
    )
