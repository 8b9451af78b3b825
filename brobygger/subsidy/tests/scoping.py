"""Bergen objects for the authorisation matrix (core/tests/test_authorisation_matrix.py).

The agreement is for Dina (Bergen's cohort, referred by NAV Bergen sør), at Bergen's employer,
owned by NAV Bergen sør: Stavanger's coordinator, caseworker and employer must get 404."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from brobygger.subsidy.models import Agreement, SubsidyRate
from brobygger.subsidy.seed import seed_rates
from brobygger.subsidy.services import rate_add
from brobygger.subsidy.tests.factories import make_active, make_agreement


def _agreement(personas: Any) -> Agreement:
    seed_rates(SubsidyRate)  # in case a flush elsewhere removed the migration's rows
    return make_active(personas)


def _draft(personas: Any) -> Agreement:
    """Only drafts can be edited: the edit page (and its refused POST) shows the agreement."""
    seed_rates(SubsidyRate)
    return make_agreement(personas)


def _planned_rate(personas: Any) -> SubsidyRate:
    """A rate row not yet in force (the matrix runs on 25.11.2026), so it may be withdrawn."""
    seed_rates(SubsidyRate)
    return rate_add(
        by=personas.admin,
        subsidy_type="temporary",
        reduced_capacity=False,
        phase="first",
        percent=Decimal("45"),
        phase_months=6,
        max_months=12,
        valid_from=dt.date(2027, 1, 1),
    )


OBJECTS = {
    "subsidy_agreement_detail": _agreement,
    "subsidy_agreement_edit": _draft,
    "subsidy_agreement_transition": _agreement,
    "subsidy_refund_create": _agreement,
    "subsidy_rate_withdraw": _planned_rate,
}

# Read-log entries a permitted GET writes (accesslog/tests/test_route_walk.py). The edit
# route gets a draft (an active agreement's edit page redirects), so its GET and its refused
# POST are walked as reads (accesslog/tests/test_read_walk.py).
ACCESS_LOG = {
    "subsidy_agreement_detail": 1,
    "subsidy_agreement_edit": 1,
    "subsidy_agreement_transition": 0,  # POST only
    "subsidy_refund_create": 0,  # POST only
    "subsidy_rate_withdraw": 0,  # no person
}
