"""completion_confirm: frozen figures, the exception rule, and nothing half-saved."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from brobygger.completion.models import Completion
from brobygger.completion.services import completion_confirm
from brobygger.completion.tests.factories import (
    add_sessions,
    attend,
    make_eligible,
    make_enrolment_with_status,
)
from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Enrolment, Status, StatusChange

ON = dt.date(2027, 5, 3)  # the frozen "today" (conftest)


def status_of(enrolment):
    return Enrolment.objects.get(pk=enrolment.pk).status


def test_an_eligible_participant_is_completed_with_frozen_figures(personas):
    make_eligible(personas.enrolment, personas=personas)
    completion = completion_confirm(
        by=personas.coordinator, enrolment=personas.enrolment, completed_on=ON
    )
    completion.refresh_from_db()
    assert completion.completed_on == ON
    assert completion.confirmed_by == personas.coordinator
    assert completion.theory_hours == Decimal("180")
    assert completion.practice_weeks == 20
    assert completion.assignment_approved is True
    assert completion.version == personas.version
    assert not completion.is_exception
    assert status_of(personas.enrolment) == Status.FULLFORT
    last = StatusChange.objects.filter(enrolment=personas.enrolment).latest("id")
    assert (last.status, last.valid_from, last.valid_to) == (Status.FULLFORT, ON, None)
    event = AuditEvent.objects.get(object_type="completion.completion")
    assert event.action == "create"
    assert event.actor == personas.coordinator
    assert event.organisation == personas.bergen
    assert event.changes["is_exception"] == [None, False]
    assert event.changes["theory_hours"] == [None, "180.00"]


def test_not_eligible_without_a_reason_is_refused_and_saves_nothing(personas):
    attend(personas.enrolment, add_sessions(personas.cohort, 10), by=personas.teacher)  # 60 h
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        completion_confirm(
            by=personas.coordinator,
            enrolment=personas.enrolment,
            completed_on=ON,
            exception_reason="   ",
        )
    message = exc.value.message_dict["exception_reason"][0]
    assert message == (
        "Deltakeren oppfyller ikke alle kravene (mangler: 120 timer teori, 20 praksisuker, "
        "Skriftlig oppgave er ikke levert). Skriv en begrunnelse for unntaket."
    )
    assert not Completion.objects.exists()
    assert status_of(personas.enrolment) == Status.DELTAR
    assert AuditEvent.objects.count() == events


def test_with_a_reason_it_is_recorded_as_an_exception(personas):
    attend(personas.enrolment, add_sessions(personas.cohort, 29), by=personas.teacher)  # 174 h
    completion = completion_confirm(
        by=personas.coordinator,
        enrolment=personas.enrolment,
        completed_on=ON,
        exception_reason="Dokumentert sykdom; tok igjen timene på et annet kull.",
    )
    assert completion.is_exception
    assert completion.theory_hours == Decimal("174")
    assert completion.practice_weeks == 0
    assert completion.assignment_approved is False
    assert status_of(personas.enrolment) == Status.FULLFORT
    event = AuditEvent.objects.get(object_type="completion.completion")
    assert event.action == "completion_exception"
    assert event.changes["is_exception"] == [None, True]
    # The reason itself stays out of the append-only audit trail (core.appendonly.redact).
    assert event.changes["exception_reason"] == [None, "[skjult]"]
    assert event.changes["missing"] == [
        None,
        "[skjult]",  # what the person lacked is about them: never in the trail
    ]


def test_a_reason_given_for_an_eligible_participant_is_not_an_exception(personas):
    make_eligible(personas.enrolment, personas=personas)
    completion = completion_confirm(
        by=personas.coordinator,
        enrolment=personas.enrolment,
        completed_on=ON,
        exception_reason="Unødvendig",
    )
    assert completion.exception_reason == ""


@pytest.mark.parametrize("status", [Status.PERMISJON, Status.VENTER_PA_OPPSTART])
def test_only_someone_taking_part_can_complete(personas, status):
    enrolment = make_enrolment_with_status(personas.cohort, status)
    with pytest.raises(ValidationError) as exc:
        completion_confirm(
            by=personas.coordinator, enrolment=enrolment, completed_on=ON, exception_reason="x"
        )
    assert "Bare deltakere med status «Deltar»" in exc.value.messages[0]
    assert not Completion.objects.exists()
    assert status_of(enrolment) == status


def test_completing_twice_is_refused(personas):
    make_eligible(personas.enrolment, personas=personas)
    completion_confirm(by=personas.coordinator, enrolment=personas.enrolment, completed_on=ON)
    with pytest.raises(ValidationError):
        completion_confirm(by=personas.coordinator, enrolment=personas.enrolment, completed_on=ON)
    assert Completion.objects.count() == 1


def test_a_date_in_the_future_is_refused(personas):
    make_eligible(personas.enrolment, personas=personas)
    with pytest.raises(ValidationError) as exc:
        completion_confirm(
            by=personas.coordinator,
            enrolment=personas.enrolment,
            completed_on=ON + dt.timedelta(days=1),
        )
    assert exc.value.message_dict == {"completed_on": ["Fullført dato kan ikke være fram i tid."]}
    assert not Completion.objects.exists()


def test_a_date_before_the_participant_started_is_refused(personas):
    make_eligible(personas.enrolment, personas=personas)
    with pytest.raises(ValidationError) as exc:
        completion_confirm(
            by=personas.coordinator,
            enrolment=personas.enrolment,
            completed_on=personas.cohort.start_date - dt.timedelta(days=1),
        )
    assert "før forrige statusendring" in exc.value.message_dict["completed_on"][0]
    assert not Completion.objects.exists()
    assert status_of(personas.enrolment) == Status.DELTAR
