"""Shared bits for the subsidy view tests."""

from __future__ import annotations

from typing import Any

from brobygger.subsidy.models import Agreement
from brobygger.subsidy.tests.factories import make_agreement


def stavanger_nav(personas: Any) -> Any:
    return personas.other_caseworker.memberships.get().organisation


def stavanger_agreement(personas: Any) -> Agreement:
    """Siri's agreement in Stavanger: nobody in Bergen may learn it exists."""
    return make_agreement(
        personas,
        by=personas.other_coordinator,
        participant=personas.stavanger_enrolment.participant,
        employer=personas.other_employer.memberships.get().organisation,
        nav_office=stavanger_nav(personas),
    )
