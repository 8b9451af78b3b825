"""Bergen-owned objects for the core object-scoping test (one per employment route with <pk>).

The Stavanger coordinator must get 404 on each; Dag (other participant) 404 where participants
are allowed, else 403."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from brobygger.accounts.models import Role
from brobygger.employment.models import CandidateProfile
from brobygger.employment.tests.factories import (
    make_candidate,
    make_employment,
    make_position,
    publish_profile,
)


def _position(p: Any) -> Any:
    return make_position(p.employer, p.employer_org)


def _position_for_dina(p: Any) -> Any:
    """Applying needs the participant's own published, consented profile."""
    publish_profile(p.enrolment.participant)
    return _position(p)


def _profile(p: Any) -> CandidateProfile:
    return make_candidate(p).candidate_profile


def _case(p: Any) -> Any:
    from brobygger.employment import services
    from brobygger.employment.tests.factories import TODAY

    return services.hiring_invite(
        by=p.employer, position=_position(p), participant=make_candidate(p), on=TODAY
    )


OBJECTS = {
    "position_detail": _position,
    "position_edit": _position,
    "position_apply": _position_for_dina,
    "candidate_detail": _profile,
    "candidate_invite": _profile,
    "hiring_case_detail": _case,
    "hiring_case_transition": _case,
    "hiring_case_hire": _case,
    "employer_employment_detail": lambda p: make_employment(p),
    "employment_detail": lambda p: make_employment(p),
    "employment_edit": lambda p: make_employment(p),
    "employment_percent_add": lambda p: make_employment(p),
    "employment_funding_add": lambda p: make_employment(p),
    "employment_benefit_add": lambda p: make_employment(p),
    "employment_benefit_end": lambda p: make_employment(p),
    "employment_create": lambda p: p.enrolment,
    "employer_user_add": lambda p: p.employer_org,
}

# Candidate profiles are shared, by the candidate's consent, with every employer in Brobygger,
# not with one organisation: another organisation's employer may rightly see and invite.
OTHER_ORG_ALLOWED = {
    "candidate_detail": {Role.EMPLOYER},
    "candidate_invite": {Role.EMPLOYER},
}

# The moment the objects are built and used (the factories' dates assume it).
NOW = dt.datetime(2026, 6, 1, 12, tzinfo=ZoneInfo("Europe/Oslo"))

# Read-log entries a permitted GET writes (accesslog/tests/test_route_walk.py).
ACCESS_LOG = {
    "position_detail": 0,  # no person
    "position_edit": 0,
    "position_apply": 0,  # the participant's own
    "candidate_detail": 1,
    "candidate_invite": 0,  # POST only
    "hiring_case_detail": 1,  # the employer's view (the participant's own is not logged)
    "hiring_case_transition": 0,  # POST only
    "hiring_case_hire": 1,
    "employer_employment_detail": 1,
    "employment_detail": 1,
    "employment_edit": 1,
    "employment_percent_add": 0,  # POST only
    "employment_funding_add": 0,  # POST only
    "employment_benefit_add": 0,  # POST only
    "employment_benefit_end": 0,  # POST only
    "employment_create": 1,  # the form shows the person's name: a read (issue 10)
    "employer_user_add": 0,  # no participant
}
