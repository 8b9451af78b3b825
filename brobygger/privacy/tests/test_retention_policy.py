"""When a person is due: retention years after their last enrolment ended."""

import datetime as dt

import pytest

from brobygger.enrolments.models import EndingReason, Participant, Status
from brobygger.enrolments.services import enrolment_transition
from brobygger.privacy.retention.policy import add_years, due_for_anonymisation, retention_states
from brobygger.testing import make_enrolment, make_participant

pytestmark = pytest.mark.django_db


def end(enrolment, on, to=Status.AVBRUTT):
    return enrolment_transition(
        by=None, enrolment=enrolment, to=to, on=on, reason=EndingReason.ILLNESS
    )


def test_add_years_handles_the_29th_of_february():
    assert add_years(dt.date(2024, 2, 29), 5) == dt.date(2029, 2, 28)
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)
    assert add_years(dt.date(2026, 8, 17), 5) == dt.date(2031, 8, 17)


def test_it_counts_from_the_date_the_end_status_took_effect(personas):
    enrolment = end(personas.enrolment, dt.date(2026, 12, 1))
    state = retention_states([enrolment.participant_id])[enrolment.participant_id]
    assert state.ended_on == dt.date(2026, 12, 1)
    assert state.due_on == dt.date(2031, 12, 1)
    assert not state.is_due(dt.date(2031, 11, 30))
    assert state.is_due(dt.date(2031, 12, 1))


def test_the_last_of_several_enrolments_counts(personas):
    from brobygger.testing import make_cohort

    later = make_cohort(personas.version, start=dt.date(2027, 8, 16))
    person = personas.enrolment.participant
    end(personas.enrolment, dt.date(2026, 12, 1))
    second = make_enrolment(later, participant=person)
    end(second, dt.date(2027, 10, 1))
    state = retention_states([person.pk])[person.pk]
    assert state.due_on == dt.date(2032, 10, 1)


def test_an_open_enrolment_keeps_the_person(personas):
    from brobygger.testing import make_cohort

    later = make_cohort(personas.version, start=dt.date(2027, 8, 16))
    person = personas.enrolment.participant
    end(personas.enrolment, dt.date(2026, 12, 1))
    make_enrolment(later, participant=person, status=Status.VENTELISTE)
    state = retention_states([person.pk])[person.pk]
    assert state.due_on is None
    assert person.pk not in {s.participant_id for s in due_for_anonymisation(dt.date(2060, 1, 1))}


def test_a_registration_made_in_error_counts_as_ended(personas):
    enrolment = enrolment_transition(
        by=None,
        enrolment=personas.enrolment,
        to=Status.FEILREGISTRERT,
        on=dt.date(2026, 9, 1),
        note="Feil person",
    )
    state = retention_states([enrolment.participant_id])[enrolment.participant_id]
    assert state.due_on == dt.date(2031, 9, 1)


def test_someone_with_no_enrolment_counts_from_the_record_being_made(personas, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC), tick=False)
    loose = make_participant("Uten", "Deltakelse")
    state = retention_states([loose.pk])[loose.pk]
    assert state.due_on == dt.date(2031, 3, 1)


def test_it_answers_for_everyone_in_one_query(personas, django_assert_num_queries):
    ids = list(Participant.objects.values_list("pk", flat=True))
    with django_assert_num_queries(1):
        assert set(retention_states(ids)) == set(ids)
