"""Supervisors' and participants' reminders: timesheets and the assessed assignment."""

import datetime as dt

import pytest
from django.urls import reverse

from brobygger.accesslog.models import ProtectedAccess
from brobygger.accounts.models import Role
from brobygger.assessments.models import Outcome
from brobygger.assessments.tests.factories import make_attempts
from brobygger.notifications.reminders.base import (
    ASSESSMENT_READY,
    TIMESHEET_MISSING,
    TIMESHEETS_WAITING,
)
from brobygger.notifications.reminders.tests.helpers import end_memberships, for_user, of_kind
from brobygger.placements.models import TimesheetStatus
from brobygger.placements.services import timesheet_approve
from brobygger.placements.tests.factories import make_placement, make_timesheet

pytestmark = pytest.mark.django_db

SUBMITTED_ON = dt.date(2026, 10, 12)  # Monday, for the week of 5 October
WEEK = dt.date(2026, 10, 5)


@pytest.fixture
def waiting(personas, at):
    """Last week's timesheet sent on Monday 12 October at noon."""
    with at(SUBMITTED_ON):
        placement = make_placement(personas)
        return make_timesheet(placement, WEEK, "18.75", status=TimesheetStatus.SUBMITTED)


class TestTimesheetsWaiting:
    def test_it_reminds_the_supervisor_after_more_than_three_days(self, personas, waiting):
        today = SUBMITTED_ON + dt.timedelta(days=4)
        [reminder] = of_kind(TIMESHEETS_WAITING, today)
        assert reminder.recipient_id == personas.supervisor.pk
        assert reminder.count == 1
        assert reminder.url == reverse("supervisor_placements")
        assert reminder.role == Role.SUPERVISOR
        assert reminder.organisation_id == personas.host.pk
        assert reminder.key == f"timesheets_waiting:{personas.supervisor.pk}:2026-10-16"

    def test_it_waits_three_days_first(self, waiting):
        assert of_kind(TIMESHEETS_WAITING, SUBMITTED_ON + dt.timedelta(days=3)) == []

    def test_it_stops_when_the_timesheet_is_approved(self, personas, waiting, at):
        with at(SUBMITTED_ON + dt.timedelta(days=4)):
            timesheet_approve(by=personas.supervisor, timesheet=waiting)
        assert of_kind(TIMESHEETS_WAITING, SUBMITTED_ON + dt.timedelta(days=4)) == []

    def test_a_supervisor_who_lost_the_role_gets_nothing(self, personas, waiting):
        today = SUBMITTED_ON + dt.timedelta(days=4)
        end_memberships(personas.supervisor, today)
        assert of_kind(TIMESHEETS_WAITING, today) == []

    def test_the_other_organisations_staff_get_nothing(self, personas, waiting):
        reminders = of_kind(TIMESHEETS_WAITING, SUBMITTED_ON + dt.timedelta(days=4))
        assert {r.recipient_id for r in reminders} == {personas.supervisor.pk}

    def test_a_protected_participant_counts_only_for_a_named_supervisor(self, personas, waiting):
        participant = personas.enrolment.participant
        participant.is_protected = True
        participant.save(update_fields=["is_protected"])
        today = SUBMITTED_ON + dt.timedelta(days=4)
        assert of_kind(TIMESHEETS_WAITING, today) == []
        ProtectedAccess.objects.create(participant=participant, user=personas.supervisor)
        assert [r.count for r in of_kind(TIMESHEETS_WAITING, today)] == [1]


class TestTimesheetMissing:
    MONDAY = dt.date(2026, 10, 19)

    @pytest.fixture
    def placement(self, personas, at):
        with at(dt.date(2026, 9, 1)):
            return make_placement(personas)

    def test_it_reminds_the_participant_of_last_weeks_timesheet(self, personas, placement):
        [reminder] = of_kind(TIMESHEET_MISSING, self.MONDAY)
        assert reminder.recipient_id == personas.participant_user.pk
        assert reminder.count == 1
        assert reminder.url == reverse(
            "timesheet_edit", kwargs={"pk": placement.pk, "week": "2026-10-12"}
        )
        assert reminder.role == ""
        assert reminder.organisation_id is None
        assert reminder.target == ("placements.placement", placement.pk)
        assert reminder.key == f"timesheet_missing:{personas.participant_user.pk}:2026-W42"

    def test_later_in_the_week_the_key_is_the_same(self, personas, placement):
        [monday] = of_kind(TIMESHEET_MISSING, self.MONDAY)
        [thursday] = of_kind(TIMESHEET_MISSING, self.MONDAY + dt.timedelta(days=3))
        assert monday.key == thursday.key

    def test_a_draft_still_counts_as_missing(self, placement, at):
        with at(self.MONDAY):
            make_timesheet(placement, dt.date(2026, 10, 12), "18.75", status=TimesheetStatus.DRAFT)
        assert len(of_kind(TIMESHEET_MISSING, self.MONDAY)) == 1

    def test_it_stops_when_the_timesheet_is_sent(self, placement, at):
        with at(self.MONDAY):
            make_timesheet(
                placement, dt.date(2026, 10, 12), "18.75", status=TimesheetStatus.SUBMITTED
            )
        assert of_kind(TIMESHEET_MISSING, self.MONDAY) == []

    def test_nothing_for_a_week_before_the_placement(self, placement):
        assert of_kind(TIMESHEET_MISSING, dt.date(2026, 9, 7)) == []

    def test_a_participant_who_lost_access_gets_nothing(self, personas, placement):
        end_memberships(personas.participant_user, self.MONDAY)
        assert of_kind(TIMESHEET_MISSING, self.MONDAY) == []

    def test_the_other_organisations_participants_get_nothing(self, personas, placement):
        reminders = of_kind(TIMESHEET_MISSING, self.MONDAY)
        assert {r.recipient_id for r in reminders} == {personas.participant_user.pk}


class TestAssessmentReady:
    DAY = dt.date(2026, 12, 1)

    @pytest.fixture
    def assessed(self, personas, at):
        with at(self.DAY, hour=14):
            [submission] = make_attempts(
                personas.enrolment, 1, by=personas.coordinator, last_outcome=Outcome.APPROVED
            )
        return submission.assessment

    def test_it_tells_the_participant_the_next_morning(self, personas, assessed):
        [reminder] = of_kind(ASSESSMENT_READY, self.DAY + dt.timedelta(days=1))
        assert reminder.recipient_id == personas.participant_user.pk
        assert reminder.count == 1
        assert reminder.url == reverse("my_assignment")
        assert reminder.target == ("assessments.assessment", assessed.pk)
        assert reminder.key == f"assessment_ready:{personas.participant_user.pk}:{assessed.pk}"

    def test_the_same_day_gives_the_same_key(self, assessed):
        [same_day] = of_kind(ASSESSMENT_READY, self.DAY)
        [next_day] = of_kind(ASSESSMENT_READY, self.DAY + dt.timedelta(days=1))
        assert same_day.key == next_day.key

    def test_an_old_assessment_gives_nothing(self, assessed):
        assert of_kind(ASSESSMENT_READY, self.DAY + dt.timedelta(days=2)) == []

    def test_nothing_while_the_assignment_waits(self, personas, at):
        with at(self.DAY):
            make_attempts(personas.enrolment, 1, by=personas.coordinator)
        assert of_kind(ASSESSMENT_READY, self.DAY) == []

    def test_others_get_nothing(self, personas, assessed):
        reminders = of_kind(ASSESSMENT_READY, self.DAY)
        assert for_user(reminders, personas.stavanger_participant_user) == []
        assert for_user(reminders, personas.other_participant_user) == []
        assert len(reminders) == 1
