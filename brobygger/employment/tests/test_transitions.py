from brobygger.employment.models import HiringStatus as H
from brobygger.employment.transitions import (
    ALLOWED,
    CANDIDATE,
    CLOSED,
    EMPLOYER,
    actor_may,
    targets_for,
)


def test_every_status_has_a_row_and_closed_ones_lead_nowhere():
    assert set(ALLOWED) == set(H.values)
    for status in CLOSED:
        assert ALLOWED[status] == frozenset()


def test_the_case_moves_interview_offer_hired():
    assert actor_may(EMPLOYER, H.APPLIED, H.INTERVIEW)
    assert actor_may(EMPLOYER, H.INTERVIEW, H.OFFER)
    assert actor_may(EMPLOYER, H.OFFER, H.HIRED)
    assert not actor_may(EMPLOYER, H.APPLIED, H.OFFER)
    assert not actor_may(EMPLOYER, H.INTERVIEW, H.HIRED)


def test_the_candidate_may_accept_an_invitation_or_say_no_but_not_run_the_case():
    assert actor_may(CANDIDATE, H.INVITED, H.INTERVIEW)
    assert actor_may(CANDIDATE, H.OFFER, H.DECLINED)
    assert not actor_may(CANDIDATE, H.INTERVIEW, H.OFFER)
    assert not actor_may(CANDIDATE, H.OFFER, H.HIRED)
    assert not actor_may(CANDIDATE, H.APPLIED, H.REJECTED)


def test_the_employer_cannot_decline_for_the_candidate_nor_accept_an_invitation():
    assert not actor_may(EMPLOYER, H.OFFER, H.DECLINED)
    assert not actor_may(EMPLOYER, H.INVITED, H.INTERVIEW)
    assert actor_may(EMPLOYER, H.INVITED, H.REJECTED)


def test_targets_leave_out_the_hire_only_step():
    assert targets_for(EMPLOYER, H.OFFER) == [H.REJECTED]
    assert targets_for(CANDIDATE, H.INVITED) == [H.INTERVIEW, H.DECLINED]
    assert targets_for(EMPLOYER, H.HIRED) == []
