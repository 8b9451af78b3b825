from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from brobygger.attendance.models import AttendanceRecord, AttendanceRevision
from brobygger.attendance.models import AttendanceStatus as A
from brobygger.attendance.services import attendance_record_session
from brobygger.attendance.tests.factories import (
    TODAY,
    make_held_session,
    make_on_leave,
    record,
    week,
)
from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Status
from brobygger.testing import make_enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_it_credits_hours_by_status(personas):
    session = make_held_session(personas.cohort, on=week(1), hours=3)
    third = make_enrolment(personas.cohort)
    saved = attendance_record_session(
        by=personas.teacher,
        session=session,
        rows=[
            (personas.enrolment, A.PRESENT, None),
            (personas.other_enrolment, A.PARTIAL, Decimal("1.5")),
            (third, A.EXCUSED, Decimal("2")),  # hours are ignored when absent
        ],
    )
    assert [(r.status, r.hours) for r in saved] == [
        (A.PRESENT, Decimal("3.00")),
        (A.PARTIAL, Decimal("1.50")),
        (A.EXCUSED, Decimal("0.00")),
    ]
    stored = AttendanceRecord.objects.get(session=session, enrolment=personas.enrolment)
    assert stored.recorded_by == personas.teacher
    assert stored.recorded_at == TODAY
    created = AuditEvent.objects.filter(object_type="attendance.attendancerecord", action="create")
    assert created.count() == 3
    assert {event.organisation for event in created} == {personas.bergen}


def test_a_correction_keeps_the_old_values_and_is_audited(personas):
    session = make_held_session(personas.cohort, on=week(1), hours=3)
    first = record(session, personas.enrolment, A.PRESENT, by=personas.teacher)
    first_at = first.recorded_at

    with time_machine.travel(TODAY.replace(hour=15), tick=False):
        record(session, personas.enrolment, A.UNEXCUSED, by=personas.coordinator)

    first.refresh_from_db()
    assert (first.status, first.hours, first.recorded_by) == (
        A.UNEXCUSED,
        Decimal("0.00"),
        personas.coordinator,
    )
    (revision,) = AttendanceRevision.objects.filter(record=first)
    assert (revision.status, revision.hours) == (A.PRESENT, Decimal("3.00"))
    assert (revision.recorded_by, revision.recorded_at) == (personas.teacher, first_at)
    assert revision.replaced_by == personas.coordinator
    assert revision.replaced_at == TODAY.replace(hour=15)
    event = AuditEvent.objects.get(action="attendance_correct", object_id=str(first.pk))
    assert event.actor == personas.coordinator
    assert event.changes == {"status": ["present", "unexcused"], "hours": ["3.00", "0.00"]}


def test_changing_partial_hours_is_a_correction(personas):
    session = make_held_session(personas.cohort, on=week(1), hours=3)
    saved = record(session, personas.enrolment, A.PARTIAL, "1.5", by=personas.teacher)
    record(session, personas.enrolment, A.PARTIAL, "2", by=personas.teacher)
    saved.refresh_from_db()
    assert saved.hours == Decimal("2.00")
    assert AttendanceRevision.objects.get(record=saved).hours == Decimal("1.50")


def test_unchanged_rows_write_nothing(personas):
    session = make_held_session(personas.cohort, on=week(1), hours=3)
    record(session, personas.enrolment, A.PRESENT, by=personas.teacher)
    events = AuditEvent.objects.count()
    record(session, personas.enrolment, A.PRESENT, by=personas.coordinator)
    assert AuditEvent.objects.count() == events
    assert not AttendanceRevision.objects.exists()
    assert AttendanceRecord.objects.get().recorded_by == personas.teacher


def test_it_refuses_an_enrolment_from_another_cohort_and_saves_nothing(personas):
    session = make_held_session(personas.cohort, on=week(1))
    with pytest.raises(ValidationError) as error:
        attendance_record_session(
            by=personas.coordinator,
            session=session,
            rows=[
                (personas.enrolment, A.PRESENT, None),
                (personas.stavanger_enrolment, A.PRESENT, None),
            ],
        )
    assert "enrolment" in error.value.message_dict
    assert "ikke med i kullet" in error.value.message_dict["enrolment"][0]
    assert not AttendanceRecord.objects.exists()


def test_it_refuses_someone_who_is_not_taking_part(personas):
    session = make_held_session(personas.cohort, on=week(1))
    applicant = make_enrolment(personas.cohort, status=Status.SOKT_INN)
    with pytest.raises(ValidationError, match="deltar ikke i kullet nå"):
        attendance_record_session(
            by=personas.coordinator, session=session, rows=[(applicant, A.PRESENT, None)]
        )
    assert not AttendanceRecord.objects.exists()


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("-1", "Timer kan ikke være negative."),
        ("25", "Timer kan ikke være mer enn 24."),
        ("0", "Delvis oppmøte må være mer enn 0 timer"),
        ("3", "mindre enn øktens 3 timer"),
        ("1.255", "Bruk høyst to desimaler."),
        (None, "Skriv inn hvor mange timer"),
    ],
)
def test_it_refuses_partial_hours_out_of_range_and_saves_nothing(personas, hours, message):
    session = make_held_session(personas.cohort, on=week(1), hours=3)
    with pytest.raises(ValidationError) as error:
        attendance_record_session(
            by=personas.teacher,
            session=session,
            rows=[
                (personas.enrolment, A.PRESENT, None),
                (personas.other_enrolment, A.PARTIAL, Decimal(hours) if hours else None),
            ],
        )
    assert message in error.value.message_dict["hours"][0]
    assert error.value.message_dict["hours"][0].startswith("Dag Deltakersen: ")
    assert not AttendanceRecord.objects.exists()
    assert not AuditEvent.objects.filter(object_type="attendance.attendancerecord").exists()


def test_it_refuses_a_cancelled_session(personas):
    session = make_held_session(personas.cohort, on=week(1), cancelled=True)
    with pytest.raises(ValidationError, match="Økten er avlyst"):
        record(session, personas.enrolment, A.PRESENT, by=personas.teacher)
    assert not AttendanceRecord.objects.exists()


def test_it_refuses_a_session_that_has_not_been_held_yet(personas):
    session = make_held_session(personas.cohort, on=week(7))
    with pytest.raises(ValidationError, match="før økten har vært"):
        record(session, personas.enrolment, A.PRESENT, by=personas.teacher)
    assert not AttendanceRecord.objects.exists()


def test_it_allows_recording_on_the_day_of_the_session(personas):
    session = make_held_session(personas.cohort, on=TODAY.date())
    assert record(session, personas.enrolment, A.PRESENT, by=personas.teacher).pk


def test_a_participant_on_leave_may_be_recorded(personas):
    on_leave = make_on_leave(personas.cohort)
    session = make_held_session(personas.cohort, on=week(1))
    assert record(session, on_leave, A.EXCUSED, by=personas.teacher).hours == Decimal("0.00")


def test_a_participant_who_left_can_still_be_corrected(personas):
    left = make_enrolment(personas.cohort)
    session = make_held_session(personas.cohort, on=week(1))
    saved = record(session, left, A.PRESENT, by=personas.teacher)
    left.status = Status.AVBRUTT  # as if they had left since; only the status matters here
    record(session, left, A.EXCUSED, by=personas.coordinator)
    saved.refresh_from_db()
    assert saved.status == A.EXCUSED
