import pytest

from brobygger.assessments.models import Outcome
from brobygger.assessments.selectors import AssignmentState, assignment_states
from brobygger.assessments.tests.factories import make_attempts
from brobygger.enrolments.models import Enrolment, Status
from brobygger.testing import make_cohort, make_enrolment


def test_states_of_the_latest_attempt(personas):
    by = personas.coordinator
    waiting = personas.enrolment
    make_attempts(waiting, 2, by=by)
    approved = personas.other_enrolment
    make_attempts(approved, 3, by=by, last_outcome=Outcome.APPROVED)
    resubmit = personas.stavanger_enrolment
    make_attempts(resubmit, 1, by=by, last_outcome=Outcome.RESUBMIT)
    nothing = make_enrolment(personas.cohort)

    states = assignment_states([waiting.pk, approved.pk, resubmit.pk, nothing.pk])
    assert states == {
        waiting.pk: AssignmentState("submitted", 2),
        approved.pk: AssignmentState("approved", 3),
        resubmit.pk: AssignmentState("resubmit", 1),
        nothing.pk: AssignmentState("none", 0),
    }


def test_not_approved_is_its_own_state(personas):
    make_attempts(personas.enrolment, 1, by=personas.coordinator, last_outcome="not_approved")
    assert assignment_states([personas.enrolment.pk])[personas.enrolment.pk] == (
        AssignmentState("not_approved", 1)
    )


def test_accepts_a_queryset(personas):
    make_attempts(personas.enrolment, 1, by=personas.coordinator)
    states = assignment_states(
        Enrolment.objects.filter(cohort=personas.cohort).values_list("pk", flat=True)
    )
    assert states[personas.enrolment.pk].state == "submitted"
    assert states[personas.other_enrolment.pk].state == "none"


@pytest.mark.parametrize("count", [2, 20])
def test_one_query_for_any_number_of_enrolments(personas, count, django_assert_num_queries):
    cohort = make_cohort(personas.version, capacity=50)
    enrolments = [make_enrolment(cohort, status=Status.SOKT_INN) for _ in range(count)]
    for enrolment in enrolments:
        make_attempts(enrolment, 2, by=personas.coordinator)
    ids = [e.pk for e in enrolments]
    with django_assert_num_queries(1):
        states = assignment_states(ids)
    assert len(states) == count
    assert {s.attempts for s in states.values()} == {2}
