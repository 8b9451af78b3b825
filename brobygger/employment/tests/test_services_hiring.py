import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from brobygger.employment import services
from brobygger.employment.models import (
    Benefit,
    Employment,
    EmploymentSource,
    HiringCase,
    HiringStatus,
    JobKind,
)
from brobygger.employment.tests.factories import (
    TODAY,
    make_candidate,
    make_position,
    offer_case,
)
from brobygger.employment.transitions import CANDIDATE, EMPLOYER
from brobygger.testing import make_participant

D = dt.date


@pytest.fixture
def position(personas):
    return make_position(personas.employer, personas.employer_org)


def test_an_employer_can_invite_only_a_candidate_with_a_visible_profile(personas, position):
    hidden = make_participant("Skjult")
    with pytest.raises(ValidationError):
        services.hiring_invite(
            by=personas.employer, position=position, participant=hidden, on=TODAY
        )
    assert not HiringCase.objects.exists()


def test_an_invitation_starts_a_dated_history(personas, position):
    candidate = make_candidate(personas)
    case = services.hiring_invite(
        by=personas.employer, position=position, participant=candidate, on=TODAY
    )
    assert case.status == HiringStatus.INVITED
    assert [(h.status, h.valid_from, h.valid_to) for h in case.history.all()] == [
        (HiringStatus.INVITED, TODAY, None)
    ]


def test_the_same_candidate_cannot_have_two_cases_for_one_position(personas, position):
    candidate = make_candidate(personas)
    services.hiring_apply(by=None, position=position, participant=candidate, on=TODAY)
    with pytest.raises(ValidationError):
        services.hiring_invite(
            by=personas.employer, position=position, participant=candidate, on=TODAY
        )


def test_a_closed_position_takes_no_applications(personas):
    position = make_position(personas.employer, personas.employer_org, is_open=False)
    with pytest.raises(ValidationError):
        services.hiring_apply(
            by=None, position=position, participant=make_candidate(personas), on=TODAY
        )


def test_transitions_close_the_previous_row(personas, position):
    case = offer_case(personas, position, make_candidate(personas))
    rows = list(case.history.order_by("id"))
    assert [r.status for r in rows] == ["INVITED", "INTERVIEW", "OFFER"]
    assert [r.valid_to for r in rows] == [TODAY, TODAY, None]


def test_a_move_not_in_the_table_is_refused_with_a_message(personas, position):
    case = services.hiring_apply(
        by=None, position=position, participant=make_candidate(personas), on=TODAY
    )
    with pytest.raises(ValidationError) as exc:
        services.hiring_transition(
            by=personas.employer, case=case, to=HiringStatus.OFFER, actor=EMPLOYER, on=TODAY
        )
    assert "kan ikke gå fra «Søkt» til «Tilbud»" in exc.value.message_dict["to"][0]
    case.refresh_from_db()
    assert case.status == HiringStatus.APPLIED


def test_the_candidate_cannot_reject_on_the_employers_behalf(personas, position):
    case = services.hiring_apply(
        by=None, position=position, participant=make_candidate(personas), on=TODAY
    )
    with pytest.raises(ValidationError):
        services.hiring_transition(
            by=None, case=case, to=HiringStatus.REJECTED, actor=CANDIDATE, on=TODAY
        )


def test_hired_is_reached_only_through_the_hire(personas, position):
    case = offer_case(personas, position, make_candidate(personas))
    with pytest.raises(ValidationError):
        services.hiring_transition(
            by=personas.employer, case=case, to=HiringStatus.HIRED, actor=EMPLOYER, on=TODAY
        )


def test_a_hire_creates_the_employment_record_with_unknown_benefit(personas, position):
    candidate = make_candidate(personas)
    case = offer_case(personas, position, candidate)
    employment = services.hiring_hire(
        by=personas.employer,
        case=case,
        on=TODAY,
        start_date=D(2026, 8, 1),
        percent=50,
        kind=JobKind.PROJECT,
        funding=[],
    )
    case.refresh_from_db()
    assert case.status == HiringStatus.HIRED
    assert employment.participant == candidate
    assert employment.employer == personas.employer_org
    assert employment.position == position
    assert employment.hiring_case == case
    assert employment.source == EmploymentSource.BROBYGGER
    assert employment.benefit == Benefit.UNKNOWN
    assert [(p.percent, p.valid_from) for p in employment.percents.all()] == [(50, D(2026, 8, 1))]


def test_a_refused_hire_leaves_the_case_at_offer_and_creates_nothing(personas, position):
    case = offer_case(personas, position, make_candidate(personas))
    with pytest.raises(ValidationError) as exc:
        services.hiring_hire(
            by=personas.employer,
            case=case,
            on=TODAY,
            start_date=D(2026, 8, 1),
            end_date=D(2026, 7, 1),
            percent=50,
            kind=JobKind.PROJECT,
        )
    assert "end_date" in exc.value.message_dict
    case.refresh_from_db()
    assert case.status == HiringStatus.OFFER
    assert not Employment.objects.exists()


def test_only_an_offer_can_become_a_hire(personas, position):
    case = services.hiring_apply(
        by=None, position=position, participant=make_candidate(personas), on=TODAY
    )
    with pytest.raises(ValidationError):
        services.hiring_hire(
            by=personas.employer,
            case=case,
            on=TODAY,
            start_date=D(2026, 8, 1),
            percent=50,
            kind=JobKind.PROJECT,
        )
    assert not Employment.objects.exists()
