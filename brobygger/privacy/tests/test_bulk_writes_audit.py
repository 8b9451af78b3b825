"""Services that write many rows at once leave exactly one audit event per row they create or
change, and none for rows they leave alone. Rows are compared column by column before and
after, so a row changed without an event (or an event without a change) fails the test.

History rows that are themselves the record of a change (StatusChange for an enrolment,
AttendanceRevision for a corrected record) are covered by their parent's event.
"""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from brobygger.attendance.models import AttendanceRecord
from brobygger.attendance.models import AttendanceStatus as A
from brobygger.attendance.services import attendance_record_session
from brobygger.attendance.tests.factories import TODAY as ATTENDANCE_DAY
from brobygger.attendance.tests.factories import make_held_session, week
from brobygger.enrolments.models import Enrolment, ParticipationPeriod, Status
from brobygger.enrolments.services import (
    cohorts_start_due,
    enrolment_transition,
    participation_period_create,
    waitlist_move,
)
from brobygger.placements.models import Timesheet, TimesheetDay
from brobygger.placements.services import timesheet_save
from brobygger.placements.tests.factories import START, make_placement, spread
from brobygger.privacy.tests.helpers import assert_one_event_per_changed_row, audit_per_row
from brobygger.programmes.models import Session
from brobygger.programmes.session_services import session_series_create
from brobygger.testing import make_enrolment

pytestmark = pytest.mark.django_db


def test_the_attendance_grid_audits_each_new_and_each_corrected_record_once(personas):
    with time_machine.travel(ATTENDANCE_DAY, tick=False):
        session = make_held_session(personas.cohort, on=week(1), hours=3)
        people = [personas.enrolment, personas.other_enrolment, make_enrolment(personas.cohort)]
        with audit_per_row(AttendanceRecord) as first:
            attendance_record_session(
                by=personas.teacher,
                session=session,
                rows=[(e, A.PRESENT, None) for e in people],
            )
        assert len(first.changed) == 3
        assert_one_event_per_changed_row(first)

        # Save the grid again with one change: only that record is touched and audited.
        with audit_per_row(AttendanceRecord) as second:
            attendance_record_session(
                by=personas.teacher,
                session=session,
                rows=[
                    (people[0], A.PRESENT, None),
                    (people[1], A.PARTIAL, Decimal("1.5")),
                    (people[2], A.PRESENT, None),
                ],
            )
        assert len(second.changed) == 1
        assert_one_event_per_changed_row(second)


def test_a_session_series_audits_each_session_once(personas):
    with audit_per_row(Session) as check:
        created = session_series_create(
            by=personas.coordinator,
            cohort=personas.cohort,
            weekdays=[1, 3],
            start_time=dt.time(9),
            end_time=dt.time(12),
            first_date=personas.cohort.start_date,
            weeks=6,
        )
    assert len(created) == len(check.changed) == 12
    assert_one_event_per_changed_row(check)


def test_starting_cohorts_audits_each_enrolment_moved_once(personas):
    admitted = [make_enrolment(personas.cohort, status=Status.VENTER_PA_OPPSTART) for _ in range(3)]
    with audit_per_row(Enrolment) as check:
        moved = cohorts_start_due(today=personas.cohort.start_date)
    assert moved == 3
    assert check.changed == {("enrolments.enrolment", str(e.pk)) for e in admitted}
    assert_one_event_per_changed_row(check)


def test_leaving_the_waiting_list_audits_everyone_who_moves_up(personas):
    waiting = [make_enrolment(personas.cohort, status=Status.VENTELISTE) for _ in range(4)]
    with audit_per_row(Enrolment) as check:
        enrolment_transition(
            by=personas.coordinator,
            enrolment=waiting[0],
            to=Status.VENTER_PA_OPPSTART,
            on=personas.cohort.start_date - dt.timedelta(days=20),
        )
    # The one admitted, and the three behind who each moved up a place.
    assert len(check.changed) == 4
    assert_one_event_per_changed_row(check)


def test_swapping_two_on_the_waiting_list_audits_both_once(personas):
    waiting = [make_enrolment(personas.cohort, status=Status.VENTELISTE) for _ in range(3)]
    with audit_per_row(Enrolment) as check:
        waitlist_move(by=personas.coordinator, enrolment=waiting[1], direction="up")
    assert len(check.changed) == 2
    assert_one_event_per_changed_row(check)


def test_a_new_participation_period_audits_itself_and_the_one_it_closes(personas):
    start = personas.cohort.start_date
    participation_period_create(
        by=personas.coordinator, enrolment=personas.enrolment, percent=100, valid_from=start
    )
    with audit_per_row(ParticipationPeriod) as check:
        participation_period_create(
            by=personas.coordinator,
            enrolment=personas.enrolment,
            percent=50,
            valid_from=start + dt.timedelta(days=30),
        )
    assert len(check.changed) == 2
    assert_one_event_per_changed_row(check)


def test_a_timesheet_week_audits_the_sheet_and_each_day_once(personas, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 15, 12, 0), tick=False)
    placement = make_placement(personas)
    user = personas.participant_user
    with audit_per_row(Timesheet, TimesheetDay) as first:
        timesheet_save(
            by=user, placement=placement, week_start=START, hours=spread(START, "20"), submit=False
        )
    assert len(first.changed) == 6  # the sheet and five days
    assert_one_event_per_changed_row(first)

    hours = spread(START, "20") | {START + dt.timedelta(days=1): Decimal("2")}
    with audit_per_row(Timesheet, TimesheetDay) as second:
        timesheet_save(by=user, placement=placement, week_start=START, hours=hours, submit=True)
    # The sheet (new total, submitted) and the one day whose hours changed.
    assert len(second.changed) == 2
    assert_one_event_per_changed_row(second)
