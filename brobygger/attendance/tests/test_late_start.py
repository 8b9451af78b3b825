"""A participant admitted late: sessions before their start are not theirs."""

from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from brobygger.attendance.models import AttendanceRecord
from brobygger.attendance.models import AttendanceStatus as A
from brobygger.attendance.selectors import attendance_summaries, session_attendance_grid
from brobygger.attendance.services import attendance_record_session
from brobygger.attendance.tests.factories import TODAY, make_held_session, record, week
from brobygger.core.testing import make_enrolment
from brobygger.enrolments.models import Status
from brobygger.enrolments.services import enrolment_transition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def late(personas):
    """Admitted before the cohort started, but taking part only from week 3."""
    admitted = make_enrolment(personas.cohort, status=Status.VENTER_PA_OPPSTART)
    return enrolment_transition(by=None, enrolment=admitted, to=Status.DELTAR, on=week(3))


def test_sessions_before_the_start_do_not_count_against_the_share(personas, late):
    cohort, teacher = personas.cohort, personas.teacher
    early = [make_held_session(cohort, on=week(n), hours=3) for n in (1, 2)]
    after = [make_held_session(cohort, on=week(n), hours=3) for n in (3, 4)]
    for session in after:
        record(session, late, A.PRESENT, by=teacher)

    summaries = attendance_summaries([late.pk, personas.enrolment.pk])

    assert summaries[late.pk].scheduled_hours_so_far == Decimal("6")  # weeks 3 and 4 only
    assert summaries[late.pk].attended_hours == Decimal("6")
    assert summaries[late.pk].attendance_share == Decimal("1")
    # Someone who took part from the cohort's start still has all four sessions scheduled.
    assert summaries[personas.enrolment.pk].scheduled_hours_so_far == Decimal("12")
    assert len(early) == 2


def test_a_session_on_the_start_day_counts(personas, late):
    make_held_session(personas.cohort, on=week(3), hours=3)
    make_held_session(personas.cohort, on=week(2), hours=3)
    assert attendance_summaries([late.pk])[late.pk].scheduled_hours_so_far == Decimal("3")


def test_an_earlier_session_they_were_recorded_for_still_counts(personas, late):
    """Recorded before the start (say, history registered late): hours and schedule both count,
    so the share never exceeds what they did."""
    early = make_held_session(personas.cohort, on=week(1), hours=3)
    make_held_session(personas.cohort, on=week(2), hours=3)
    AttendanceRecord.objects.create(
        session=early,
        enrolment=late,
        status=A.PRESENT,
        hours=Decimal("3"),
        recorded_by=personas.teacher,
        recorded_at=TODAY,
    )
    summary = attendance_summaries([late.pk])[late.pk]
    assert (summary.attended_hours, summary.scheduled_hours_so_far) == (Decimal("3"), Decimal("3"))


def test_the_grid_of_an_earlier_session_leaves_them_out(personas, late):
    early = make_held_session(personas.cohort, on=week(2), hours=3)
    later = make_held_session(personas.cohort, on=week(3), hours=3)
    teacher = personas.teacher
    in_early = {r.enrolment.pk for r in session_attendance_grid(session=early, viewer=teacher).rows}
    in_later = {r.enrolment.pk for r in session_attendance_grid(session=later, viewer=teacher).rows}
    assert late.pk not in in_early
    assert personas.enrolment.pk in in_early
    assert late.pk in in_later


def test_resaving_an_earlier_grid_is_not_blocked_by_them(client, personas, late):
    early = make_held_session(personas.cohort, on=week(2), hours=3)
    record(early, personas.enrolment, A.PRESENT, by=personas.teacher)
    record(early, personas.other_enrolment, A.PRESENT, by=personas.teacher)
    client.force_login(personas.teacher)
    url = reverse("session_attendance", args=[early.pk])

    page = client.get(url).content.decode()
    assert f"p{late.pk}-status" not in page
    response = client.post(
        url,
        {
            f"p{personas.enrolment.pk}-status": A.UNEXCUSED,
            f"p{personas.enrolment.pk}-hours": "",
            f"p{personas.other_enrolment.pk}-status": A.PRESENT,
            f"p{personas.other_enrolment.pk}-hours": "",
        },
    )

    assert response.status_code == 302, response.content.decode()
    assert AttendanceRecord.objects.get(session=early, enrolment=personas.enrolment).status == (
        A.UNEXCUSED
    )
    assert not AttendanceRecord.objects.filter(enrolment=late).exists()


def test_the_service_refuses_a_session_before_their_start(personas, late):
    early = make_held_session(personas.cohort, on=week(2), hours=3)
    with pytest.raises(ValidationError) as error:
        attendance_record_session(
            by=personas.teacher,
            session=early,
            rows=[(personas.enrolment, A.PRESENT, None), (late, A.PRESENT, None)],
        )
    assert "begynte 07.09.2026, etter denne økten" in str(error.value)
    assert not AttendanceRecord.objects.exists()  # all or nothing
