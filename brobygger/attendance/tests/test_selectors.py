from decimal import Decimal

import pytest
import time_machine

from brobygger.attendance.models import AttendanceStatus as A
from brobygger.attendance.selectors import AttendanceSummary, attendance_summaries
from brobygger.attendance.services import attendance_record_session
from brobygger.attendance.tests.factories import TODAY, make_held_session, record, week
from brobygger.testing import make_cohort, make_enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_it_adds_up_attended_and_scheduled_hours(personas):
    cohort, enrolment, teacher = personas.cohort, personas.enrolment, personas.teacher
    s1, s2, s3 = (make_held_session(cohort, on=week(n), hours=3) for n in (1, 2, 3))
    make_held_session(cohort, on=week(4), hours=3, cancelled=True)  # not scheduled
    make_held_session(cohort, on=week(8), hours=3)  # later: not "so far"
    record(s1, enrolment, A.PRESENT, by=teacher)
    record(s2, enrolment, A.PRESENT, by=teacher)
    record(s3, enrolment, A.PARTIAL, "1.5", by=teacher)

    summary = attendance_summaries([enrolment.pk])[enrolment.pk]

    assert summary.attended_hours == Decimal("7.5")
    assert summary.scheduled_hours_so_far == Decimal("9")
    assert summary.required_hours == Decimal("180")
    assert summary.attendance_share == Decimal("7.5") / Decimal("9")
    assert (summary.excused_absences, summary.unexcused_absences) == (0, 0)
    assert summary.absences_in_a_row == 0
    assert summary.warnings == ()


def test_enrolments_without_records_get_zeros_but_see_the_schedule(personas):
    make_held_session(personas.cohort, on=week(1), hours=3)
    summaries = attendance_summaries([personas.enrolment.pk, personas.other_enrolment.pk])
    assert summaries[personas.other_enrolment.pk] == AttendanceSummary(
        scheduled_hours_so_far=Decimal("3"),
        required_hours=Decimal("180"),
        attendance_share=Decimal("0"),
    )


def test_unknown_ids_get_an_empty_summary_and_no_ids_no_queries(
    personas, django_assert_num_queries
):
    assert attendance_summaries([999_999]) == {999_999: AttendanceSummary()}
    with django_assert_num_queries(0):
        assert attendance_summaries([]) == {}


def test_three_absences_in_a_row_warn(personas):
    cohort, enrolment, teacher = personas.cohort, personas.enrolment, personas.teacher
    sessions = [make_held_session(cohort, on=week(n)) for n in range(1, 6)]
    for session, status in zip(
        sessions, [A.UNEXCUSED, A.PRESENT, A.EXCUSED, A.UNEXCUSED, A.EXCUSED], strict=True
    ):
        record(session, enrolment, status, by=teacher)

    summary = attendance_summaries([enrolment.pk])[enrolment.pk]

    assert summary.absences_in_a_row == 3
    assert (summary.excused_absences, summary.unexcused_absences) == (2, 2)
    assert "Fravær tre ganger på rad." in summary.warnings


def test_two_absences_in_a_row_do_not_warn_and_presence_resets_the_count(personas):
    cohort, enrolment, teacher = personas.cohort, personas.enrolment, personas.teacher
    sessions = [make_held_session(cohort, on=week(n)) for n in range(1, 6)]
    for session, status in zip(
        sessions, [A.EXCUSED, A.EXCUSED, A.EXCUSED, A.PARTIAL, A.EXCUSED], strict=True
    ):
        record(session, enrolment, status, "1" if status == A.PARTIAL else None, by=teacher)
    summary = attendance_summaries([enrolment.pk])[enrolment.pk]
    assert summary.absences_in_a_row == 1
    assert "Fravær tre ganger på rad." not in summary.warnings


def test_the_order_of_sessions_not_of_recording_decides_what_is_in_a_row(personas):
    cohort, enrolment, teacher = personas.cohort, personas.enrolment, personas.teacher
    early, *later = [make_held_session(cohort, on=week(n)) for n in range(1, 5)]
    for session in later:
        record(session, enrolment, A.EXCUSED, by=teacher)
    record(early, enrolment, A.PRESENT, by=teacher)  # recorded last, but held first
    assert attendance_summaries([enrolment.pk])[enrolment.pk].absences_in_a_row == 3


def test_attendance_under_the_versions_share_warns(personas):
    personas.version.min_attendance_share = Decimal("0.80")
    personas.version.save()
    cohort, enrolment, teacher = personas.cohort, personas.enrolment, personas.teacher
    s1, s2, s3, s4 = (make_held_session(cohort, on=week(n), hours=2) for n in range(1, 5))
    for session in (s1, s2):
        record(session, enrolment, A.PRESENT, by=teacher)
    record(s3, enrolment, A.PARTIAL, "1.8", by=teacher)
    record(s4, enrolment, A.EXCUSED, by=teacher)  # 5.8 of 8 hours = 72.5 %

    summary = attendance_summaries([enrolment.pk])[enrolment.pk]

    assert summary.warnings == ("Oppmøtet er 72 % av timene så langt, under kravet på 80 %.",)
    assert summary.min_attendance_share == Decimal("0.80")


def test_attendance_at_the_share_does_not_warn(personas):
    personas.version.min_attendance_share = Decimal("0.75")
    personas.version.save()
    sessions = [make_held_session(personas.cohort, on=week(n), hours=2) for n in range(1, 5)]
    for session in sessions[:3]:
        record(session, personas.enrolment, A.PRESENT, by=personas.teacher)
    record(sessions[3], personas.enrolment, A.UNEXCUSED, by=personas.teacher)
    assert attendance_summaries([personas.enrolment.pk])[personas.enrolment.pk].warnings == ()


def test_no_attendance_at_all_reads_as_zero_percent(personas):
    personas.version.min_attendance_share = Decimal("0.80")
    personas.version.save()
    make_held_session(personas.cohort, on=week(1), hours=3)
    summary = attendance_summaries([personas.enrolment.pk])[personas.enrolment.pk]
    assert summary.warnings == ("Oppmøtet er 0 % av timene så langt, under kravet på 80 %.",)


def test_without_a_share_rule_low_attendance_does_not_warn(personas):
    session = make_held_session(personas.cohort, on=week(1))
    record(session, personas.enrolment, A.UNEXCUSED, by=personas.teacher)
    assert attendance_summaries([personas.enrolment.pk])[personas.enrolment.pk].warnings == ()


def test_records_of_a_session_cancelled_afterwards_do_not_count(personas):
    session = make_held_session(personas.cohort, on=week(1))
    record(session, personas.enrolment, A.PRESENT, by=personas.teacher)
    session.status = "cancelled"
    session.save()
    summary = attendance_summaries([personas.enrolment.pk])[personas.enrolment.pk]
    assert (summary.attended_hours, summary.scheduled_hours_so_far) == (0, 0)


def _cohort_with(personas, n):
    cohort = make_cohort(personas.version, capacity=30, coordinators=[personas.coordinator])
    enrolments = [make_enrolment(cohort) for _ in range(n)]
    sessions = [make_held_session(cohort, on=week(w)) for w in (1, 2)]
    for session in sessions:
        attendance_record_session(
            by=personas.teacher,
            session=session,
            rows=[(e, A.PRESENT, None) for e in enrolments],
        )
    return [e.pk for e in enrolments]


@pytest.mark.parametrize("n", [2, 20])
def test_the_number_of_queries_does_not_grow_with_enrolments(
    personas, django_assert_num_queries, n
):
    ids = _cohort_with(personas, n) + [personas.stavanger_enrolment.pk]
    with django_assert_num_queries(3):
        summaries = attendance_summaries(ids)
    assert len(summaries) == n + 1
    assert summaries[ids[0]].attended_hours == Decimal("6")
