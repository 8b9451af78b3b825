"""Coordinators' and teachers' reminders: attendance, assignments, follow-ups, applications."""

import datetime as dt

import pytest
from django.urls import reverse

from brobygger.accesslog.models import ProtectedAccess
from brobygger.accounts.models import Membership, Role
from brobygger.assessments.models import Assessment, Outcome
from brobygger.assessments.tests.factories import make_attempts
from brobygger.attendance.models import AttendanceStatus
from brobygger.enrolments.models import Status
from brobygger.enrolments.services import enrolment_transition
from brobygger.followup.models import FollowUpKind, FollowUpOutcome
from brobygger.followup.selectors import tasks_for
from brobygger.followup.tests.factories import make_employment
from brobygger.notifications.reminders.base import (
    ABSENCE_WARNING,
    APPLICATIONS_UNANSWERED,
    ASSIGNMENTS_WAITING,
    ATTENDANCE_NOT_TAKEN,
    FOLLOWUPS_DUE,
)
from brobygger.notifications.reminders.tests.helpers import (
    complete,
    end_memberships,
    for_user,
    of_kind,
    record,
)
from brobygger.programmes.models import SessionStatus
from brobygger.testing import make_cohort, make_enrolment, make_session, make_user

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 10, 15)  # Thursday; the personas' cohort started 17 August
YESTERDAY = TODAY - dt.timedelta(days=1)


def _protect(participant):
    participant.is_protected = True
    participant.save(update_fields=["is_protected"])


class TestAttendanceNotTaken:
    def test_it_reminds_the_cohorts_teacher(self, personas):
        session = make_session(personas.cohort, date=YESTERDAY)
        [reminder] = of_kind(ATTENDANCE_NOT_TAKEN, TODAY)
        assert reminder.recipient_id == personas.teacher.pk
        assert reminder.count == 1
        assert reminder.url == reverse("session_attendance", kwargs={"pk": session.pk})
        assert reminder.role == Role.TEACHER
        assert reminder.organisation_id == personas.bergen.pk
        assert reminder.target == ("programmes.session", session.pk)

    def test_the_sessions_own_teacher_rather_than_the_cohorts(self, personas):
        guest = make_user(role=Role.TEACHER, org=personas.bergen)
        make_session(personas.cohort, date=YESTERDAY, teacher=guest)
        assert [r.recipient_id for r in of_kind(ATTENDANCE_NOT_TAKEN, TODAY)] == [guest.pk]

    def test_two_sessions_point_to_my_sessions(self, personas):
        make_session(personas.cohort, date=YESTERDAY)
        make_session(personas.cohort, date=YESTERDAY, start=dt.time(13), end=dt.time(15))
        [reminder] = of_kind(ATTENDANCE_NOT_TAKEN, TODAY)
        assert (reminder.count, reminder.url, reminder.target) == (2, reverse("my_sessions"), None)

    def test_it_stops_once_attendance_is_recorded(self, personas):
        session = make_session(personas.cohort, date=YESTERDAY)
        record(session, personas.enrolment, AttendanceStatus.PRESENT, by=personas.teacher)
        assert of_kind(ATTENDANCE_NOT_TAKEN, TODAY) == []

    def test_a_cancelled_or_older_session_gives_nothing(self, personas):
        session = make_session(personas.cohort, date=YESTERDAY)
        session.status = SessionStatus.CANCELLED
        session.save(update_fields=["status"])
        make_session(personas.cohort, date=YESTERDAY - dt.timedelta(days=1))
        assert of_kind(ATTENDANCE_NOT_TAKEN, TODAY) == []

    def test_a_teacher_who_lost_the_role_gets_nothing(self, personas):
        make_session(personas.cohort, date=YESTERDAY)
        end_memberships(personas.teacher, TODAY)
        assert of_kind(ATTENDANCE_NOT_TAKEN, TODAY) == []

    def test_the_other_organisations_teacher_gets_only_their_own(self, personas):
        make_session(personas.cohort, date=YESTERDAY)
        reminders = of_kind(ATTENDANCE_NOT_TAKEN, TODAY)
        assert for_user(reminders, personas.other_teacher) == []


class TestAssignmentsWaiting:
    def test_it_reminds_the_coordinator_per_cohort(self, personas):
        make_attempts(personas.enrolment, 1, by=personas.coordinator)
        make_attempts(personas.other_enrolment, 2, by=personas.coordinator)
        [reminder] = of_kind(ASSIGNMENTS_WAITING, TODAY)
        assert reminder.recipient_id == personas.coordinator.pk
        assert reminder.count == 2
        assert reminder.url == reverse("cohort_overview", kwargs={"pk": personas.cohort.pk})
        assert reminder.role == Role.COORDINATOR
        assert reminder.organisation_id == personas.bergen.pk
        assert reminder.target == ("programmes.cohort", personas.cohort.pk)
        assert reminder.key == (
            f"assignments_waiting:{personas.coordinator.pk}:{personas.cohort.pk}:2026-10-15"
        )

    def test_it_stops_once_assessed(self, personas):
        [submission] = make_attempts(personas.enrolment, 1, by=personas.coordinator)
        Assessment.objects.create(
            submission=submission,
            outcome=Outcome.APPROVED,
            assessed_by=personas.coordinator,
            assessed_at=submission.submitted_at,
        )
        assert of_kind(ASSIGNMENTS_WAITING, TODAY) == []

    def test_every_coordinator_of_the_owner_gets_it(self, personas):
        colleague = make_user(role=Role.COORDINATOR, org=personas.bergen)
        make_attempts(personas.enrolment, 1, by=personas.coordinator)
        recipients = {r.recipient_id for r in of_kind(ASSIGNMENTS_WAITING, TODAY)}
        assert recipients == {personas.coordinator.pk, colleague.pk}

    def test_a_coordinator_who_lost_the_role_gets_nothing(self, personas):
        make_attempts(personas.enrolment, 1, by=personas.coordinator)
        end_memberships(personas.coordinator, TODAY)
        assert of_kind(ASSIGNMENTS_WAITING, TODAY) == []

    def test_the_other_organisations_coordinator_gets_only_their_own(self, personas):
        make_attempts(personas.enrolment, 1, by=personas.coordinator)
        make_attempts(personas.stavanger_enrolment, 1, by=personas.other_coordinator)
        reminders = of_kind(ASSIGNMENTS_WAITING, TODAY)
        [theirs] = for_user(reminders, personas.other_coordinator)
        assert theirs.target == ("programmes.cohort", personas.other_cohort.pk)
        assert theirs.organisation_id == personas.stavanger.pk
        assert len(reminders) == 2

    def test_a_protected_participant_counts_only_for_a_named_coordinator(self, personas):
        make_attempts(personas.enrolment, 1, by=personas.coordinator)
        _protect(personas.enrolment.participant)
        assert of_kind(ASSIGNMENTS_WAITING, TODAY) == []
        ProtectedAccess.objects.create(
            participant=personas.enrolment.participant, user=personas.coordinator
        )
        assert [r.count for r in of_kind(ASSIGNMENTS_WAITING, TODAY)] == [1]


class TestAbsenceWarning:
    def _absent_three_times(self, personas, enrolment, status=AttendanceStatus.UNEXCUSED):
        for n in range(3):
            session = make_session(personas.cohort, date=dt.date(2026, 10, 5 + n))
            record(session, enrolment, status, by=personas.teacher)

    def test_it_counts_participants_with_an_attendance_warning(self, personas):
        self._absent_three_times(personas, personas.enrolment)
        [reminder] = of_kind(ABSENCE_WARNING, TODAY)
        assert reminder.recipient_id == personas.coordinator.pk
        assert reminder.count == 1
        assert reminder.url == reverse("cohort_overview", kwargs={"pk": personas.cohort.pk})
        assert reminder.target == ("programmes.cohort", personas.cohort.pk)

    def test_present_participants_give_nothing(self, personas):
        self._absent_three_times(personas, personas.enrolment, AttendanceStatus.PRESENT)
        assert of_kind(ABSENCE_WARNING, TODAY) == []

    def test_it_stops_when_the_participant_comes_back(self, personas):
        self._absent_three_times(personas, personas.enrolment)
        session = make_session(personas.cohort, date=dt.date(2026, 10, 12))
        record(session, personas.enrolment, AttendanceStatus.PRESENT, by=personas.teacher)
        assert of_kind(ABSENCE_WARNING, TODAY) == []

    def test_on_leave_gives_no_warning(self, personas):
        self._absent_three_times(personas, personas.enrolment)
        enrolment_transition(
            by=personas.coordinator, enrolment=personas.enrolment, to=Status.PERMISJON, on=TODAY
        )
        assert of_kind(ABSENCE_WARNING, TODAY) == []

    def test_the_other_organisations_coordinator_gets_nothing(self, personas):
        self._absent_three_times(personas, personas.enrolment)
        assert for_user(of_kind(ABSENCE_WARNING, TODAY), personas.other_coordinator) == []


class TestApplicationsUnanswered:
    START = dt.date(2027, 1, 11)
    ON = dt.date(2027, 1, 4)

    @pytest.fixture
    def cohort(self, personas):
        cohort = make_cohort(personas.version, start=self.START)
        make_enrolment(cohort, status=Status.SOKT_INN, by=personas.coordinator)
        make_enrolment(cohort, status=Status.VURDERES, by=personas.coordinator)
        make_enrolment(cohort, status=Status.VENTER_PA_OPPSTART, by=personas.coordinator)
        return cohort

    def test_it_reminds_a_week_before_the_start(self, personas, cohort):
        [reminder] = of_kind(APPLICATIONS_UNANSWERED, self.START - dt.timedelta(days=7))
        assert reminder.recipient_id == personas.coordinator.pk
        assert reminder.count == 2
        assert reminder.url == reverse("cohort_applications", kwargs={"pk": cohort.pk})
        assert reminder.target == ("programmes.cohort", cohort.pk)

    def test_not_earlier_nor_after_the_start(self, cohort):
        assert of_kind(APPLICATIONS_UNANSWERED, self.START - dt.timedelta(days=8)) == []
        assert of_kind(APPLICATIONS_UNANSWERED, self.START + dt.timedelta(days=1)) == []

    def test_it_stops_once_answered(self, personas, cohort):
        for enrolment in cohort.enrolments.filter(status__in=[Status.SOKT_INN, Status.VURDERES]):
            if enrolment.status == Status.SOKT_INN:
                enrolment = enrolment_transition(
                    by=personas.coordinator, enrolment=enrolment, to=Status.VURDERES, on=self.ON
                )
            enrolment_transition(
                by=personas.coordinator, enrolment=enrolment, to=Status.VENTELISTE, on=self.ON
            )
        assert of_kind(APPLICATIONS_UNANSWERED, self.START - dt.timedelta(days=3)) == []

    def test_a_partner_coordinator_gets_it_too_and_stavanger_nothing(self, personas, cohort):
        partner = make_user(role=Role.COORDINATOR, org=personas.nav)
        reminders = of_kind(APPLICATIONS_UNANSWERED, self.START - dt.timedelta(days=3))
        [theirs] = for_user(reminders, partner)
        assert theirs.organisation_id == personas.nav.pk
        assert for_user(reminders, personas.other_coordinator) == []


class TestFollowupsDue:
    COMPLETED = dt.date(2026, 6, 19)

    @pytest.fixture
    def completion(self, personas):
        return complete(personas.enrolment, on=self.COMPLETED, by=personas.coordinator)

    def test_it_counts_due_and_overdue_followups(self, personas, completion):
        make_employment(personas.enrolment.participant, start=dt.date(2026, 7, 1))
        today = dt.date(2027, 1, 5)  # completion + 6 months overdue, the hire's due 1 January
        [reminder] = of_kind(FOLLOWUPS_DUE, today)
        assert reminder.recipient_id == personas.coordinator.pk
        assert reminder.count == 2
        assert reminder.url == reverse("followup_list")
        assert reminder.role == Role.COORDINATOR
        assert reminder.organisation_id == personas.bergen.pk

    def test_the_count_is_what_the_followup_list_shows(self, personas, completion):
        make_employment(personas.other_enrolment.participant, start=dt.date(2026, 3, 1))
        today = dt.date(2027, 3, 10)
        shown = [t for t in tasks_for(personas.coordinator, today=today) if t.due_on <= today]
        [reminder] = of_kind(FOLLOWUPS_DUE, today)
        assert reminder.count == len(shown) == 3

    def test_nothing_before_it_is_due(self, completion):
        assert of_kind(FOLLOWUPS_DUE, dt.date(2026, 12, 18)) == []
        assert len(of_kind(FOLLOWUPS_DUE, dt.date(2026, 12, 19))) == 1

    def test_it_stops_once_answered(self, personas, completion):
        FollowUpOutcome.objects.create(
            participant=personas.enrolment.participant,
            kind=FollowUpKind.COMPLETION,
            completion=completion,
            months=6,
            due_on=dt.date(2026, 12, 19),
            answered_on=dt.date(2026, 12, 20),
            employed=False,
            recorded_by=personas.coordinator,
        )
        assert of_kind(FOLLOWUPS_DUE, dt.date(2027, 1, 5)) == []

    def test_the_other_organisation_and_a_former_coordinator_get_nothing(
        self, personas, completion
    ):
        today = dt.date(2027, 1, 5)
        assert for_user(of_kind(FOLLOWUPS_DUE, today), personas.other_coordinator) == []
        Membership.objects.filter(user=personas.coordinator).update(ends_on=today)
        assert of_kind(FOLLOWUPS_DUE, today) == []
