"""`reminders_for_day` reads in a fixed number of queries, however much there is to remind of."""

import datetime as dt
from collections import Counter

import pytest

from brobygger.accounts.models import Role
from brobygger.assessments.tests.factories import make_attempts
from brobygger.attendance.models import AttendanceStatus
from brobygger.contacts.tests.factories import make_message
from brobygger.enrolments.models import Status
from brobygger.notifications.reminders import KINDS, reminders_for_day
from brobygger.notifications.reminders.tests.helpers import complete, record
from brobygger.placements.models import TimesheetStatus
from brobygger.placements.tests.factories import make_placement, make_timesheet
from brobygger.programmes.models import ProgrammeVersion
from brobygger.subsidy.tests.factories import make_active
from brobygger.testing import (
    make_cohort,
    make_enrolment,
    make_participant,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 10, 19)  # Monday: every kind has something to say in the scenario
# Shared: grants and participant memberships (2). Per kind: timesheets waiting 1, missing 1,
# assessments 1, attendance 3, coordinators' lookup 3, assignments 1, follow-ups 3, absences 4
# (attendance_summaries is 3 of them), applications 1, contact messages 3, subsidy 3.
QUERIES = 26


def scenario(personas, at, n):
    """`n` of everything each kind counts, in Bergen (and NAV Bergen sør)."""
    upcoming = make_cohort(personas.version, start=TODAY + dt.timedelta(days=4))
    finished = make_cohort(
        ProgrammeVersion.objects.get(pk=personas.version.pk), start=dt.date(2025, 8, 18)
    )
    sessions = [make_session(personas.cohort, date=dt.date(2026, 10, 5 + d)) for d in range(3)]
    for i in range(n):
        user = make_user(role=Role.PARTICIPANT, org=personas.bergen)
        participant = make_participant(user=user)
        enrolment = make_enrolment(personas.cohort, participant=participant)
        with at(dt.date(2026, 9, 1)):
            placement = make_placement(personas, enrolment=enrolment)
        with at(dt.date(2026, 10, 12)):
            make_timesheet(
                placement, dt.date(2026, 10, 5), "18.75", status=TimesheetStatus.SUBMITTED
            )
        with at(dt.date(2026, 10, 18)):
            make_attempts(enrolment, 2, by=personas.coordinator)
        for session in sessions:
            record(session, enrolment, AttendanceStatus.UNEXCUSED, by=personas.teacher)
        make_session(personas.cohort, date=TODAY - dt.timedelta(days=1), start=dt.time(8 + i))
        make_enrolment(upcoming, status=Status.SOKT_INN, by=personas.coordinator)
        done = make_enrolment(finished, status=Status.DELTAR, by=personas.coordinator)
        complete(done, on=dt.date(2026, 4, 1), by=personas.coordinator)
        make_message()
        with at(dt.date(2026, 1, 2)):
            make_active(personas, participant=participant, months=10)


@pytest.mark.parametrize("n", [1, 4])
def test_the_query_count_does_not_grow(personas, at, n, django_assert_num_queries):
    scenario(personas, at, n)
    with django_assert_num_queries(QUERIES):
        reminders = reminders_for_day(TODAY)
    counts = Counter(r.kind for r in reminders)
    assert set(counts) == set(KINDS), counts
    # The sums are the scenario's sizes: nothing is lost or counted twice.
    per_kind: Counter[str] = Counter()
    for r in reminders:
        per_kind[r.kind] += r.count
    assert per_kind["timesheets_waiting"] == n
    assert per_kind["timesheet_missing"] == n
    assert per_kind["assessment_ready"] == n
    assert per_kind["attendance_not_taken"] == n
    assert per_kind["assignments_waiting"] == n
    assert per_kind["absence_warning"] == n
    assert per_kind["applications_unanswered"] == n
    assert per_kind["followups_due"] == n
    assert per_kind["contact_message"] == n
    assert per_kind["refund_period_ready"] == n
    assert per_kind["agreement_ending"] == n


def test_every_key_is_unique(personas, at):
    scenario(personas, at, 2)
    keys = [r.key for r in reminders_for_day(TODAY)]
    assert len(keys) == len(set(keys))
