import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from brobygger.enrolments.models import EndingReason, Status
from brobygger.enrolments.services import cohorts_start_due, enrolment_transition
from brobygger.testing import make_enrolment


def test_it_refuses_a_transition_the_table_forbids(personas):
    with pytest.raises(ValidationError) as err:
        enrolment_transition(
            by=personas.coordinator, enrolment=personas.enrolment, to=Status.SOKT_INN
        )
    assert "Kan ikke endre status" in str(err.value)
    personas.enrolment.refresh_from_db()
    assert personas.enrolment.status == Status.DELTAR
    assert personas.enrolment.history.count() == 4


def test_it_refuses_admission_past_capacity_and_saves_nothing(personas):
    cohort = personas.cohort
    cohort.capacity = 2  # the two personas take both places
    cohort.save()
    applicant = make_enrolment(cohort, status=Status.VURDERES)
    with pytest.raises(ValidationError) as err:
        enrolment_transition(
            by=personas.coordinator, enrolment=applicant, to=Status.VENTER_PA_OPPSTART
        )
    assert "Kullet er fullt (2 av 2 plasser)" in str(err.value)
    applicant.refresh_from_db()
    assert applicant.status == Status.VURDERES
    assert applicant.history.filter(valid_to__isnull=True).get().status == Status.VURDERES


def test_the_waiting_list_is_ordered_and_closes_gaps(personas):
    cohort = personas.cohort
    first, second, third = (make_enrolment(cohort, status=Status.VENTELISTE) for _ in range(3))
    assert [e.waitlist_position for e in (first, second, third)] == [1, 2, 3]
    enrolment_transition(by=personas.coordinator, enrolment=first, to=Status.VENTER_PA_OPPSTART)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.waitlist_position, third.waitlist_position) == (1, 2)


def test_discontinuing_needs_a_coded_reason_and_text_only_with_other(personas):
    e = personas.enrolment
    with pytest.raises(ValidationError) as err:
        enrolment_transition(by=personas.coordinator, enrolment=e, to=Status.AVBRUTT)
    assert "reason" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        enrolment_transition(
            by=personas.coordinator, enrolment=e, to=Status.AVBRUTT, reason=EndingReason.OTHER
        )
    assert "reason_text" in err.value.message_dict
    enrolment_transition(
        by=personas.coordinator, enrolment=e, to=Status.AVBRUTT, reason=EndingReason.ILLNESS
    )
    e.refresh_from_db()
    assert e.status == Status.AVBRUTT


def test_history_is_dated_and_never_overwritten(personas):
    e = personas.enrolment
    start = personas.cohort.start_date
    enrolment_transition(
        by=personas.coordinator, enrolment=e, to=Status.PERMISJON, on=start + dt.timedelta(days=20)
    )
    rows = list(e.history.values_list("status", "valid_from", "valid_to"))
    assert rows[-2] == (Status.DELTAR, start, start + dt.timedelta(days=20))
    assert rows[-1] == (Status.PERMISJON, start + dt.timedelta(days=20), None)


def test_the_daily_job_starts_admitted_people_on_the_start_date_once(personas):
    cohort = personas.cohort
    admitted = make_enrolment(cohort, status=Status.VENTER_PA_OPPSTART)
    assert cohorts_start_due(today=cohort.start_date - dt.timedelta(days=1)) == 0
    assert cohorts_start_due(today=cohort.start_date) == 1
    assert cohorts_start_due(today=cohort.start_date) == 0
    admitted.refresh_from_db()
    assert admitted.status == Status.DELTAR
    assert admitted.history.get(valid_to__isnull=True).valid_from == cohort.start_date


def test_completion_is_only_reached_through_the_completion_check(personas):
    with pytest.raises(ValidationError) as err:
        enrolment_transition(
            by=personas.coordinator, enrolment=personas.enrolment, to=Status.FULLFORT
        )
    assert "Bekreft fullføring" in str(err.value)
    personas.enrolment.refresh_from_db()
    assert personas.enrolment.status == Status.DELTAR


def test_the_daily_job_starts_a_late_admission_on_the_day_it_was_admitted(personas):
    cohort = personas.cohort
    late = make_enrolment(cohort, status=Status.VURDERES)
    admitted_on = cohort.start_date + dt.timedelta(days=5)
    enrolment_transition(
        by=personas.coordinator, enrolment=late, to=Status.VENTER_PA_OPPSTART, on=admitted_on
    )
    assert cohorts_start_due(today=cohort.start_date + dt.timedelta(days=9)) == 1
    late.refresh_from_db()
    assert late.history.get(valid_to__isnull=True).valid_from == admitted_on
