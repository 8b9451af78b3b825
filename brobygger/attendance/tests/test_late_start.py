"""A participant who started late: sessions before their start are not theirs (issue 13).

Their start is the day their "deltar" status became valid (StatusChange.valid_from, which may
be set back in time). Sessions before it do not count in their share or in the scheduled
hours they are measured against, and the grid and the matrix show them as "ikke startet"
without asking for a mark. The numbers are worked out by hand in each test.
"""

from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from brobygger.attendance.forms import cell_name
from brobygger.attendance.models import AttendanceRecord
from brobygger.attendance.models import AttendanceStatus as A
from brobygger.attendance.selectors import attendance_summaries, session_attendance_grid
from brobygger.attendance.services import attendance_record_session
from brobygger.attendance.tests.factories import TODAY, make_held_session, record, week
from brobygger.completion.selectors import progress_for
from brobygger.enrolments.models import Enrolment, Status
from brobygger.enrolments.services import enrolment_transition
from brobygger.testing import make_enrolment

pytestmark = pytest.mark.django_db

NOT_STARTED = "startet 07.09.2026, etter denne økten, og det føres ikke oppmøte for vedkommende."


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(TODAY, tick=False):  # Wednesday 30 September 2026
        yield


@pytest.fixture
def late(personas):
    """Admitted before the cohort started (17.08.2026), taking part only from week 3
    (Monday 07.09.2026), registered back in time with a reason."""
    admitted = make_enrolment(personas.cohort, status=Status.VENTER_PA_OPPSTART)
    return enrolment_transition(
        by=personas.coordinator,
        enrolment=admitted,
        to=Status.DELTAR,
        on=week(3),
        late_reason="Startet i uke 3, registreres nå.",
    )


def _fresh(enrolment):
    return Enrolment.objects.get(pk=enrolment.pk)


# The share and the scheduled hours


def test_sessions_before_the_start_do_not_count_in_the_share(personas, late):
    cohort, teacher = personas.cohort, personas.teacher
    for n in (1, 2):
        make_held_session(cohort, on=week(n), hours=3)  # before the start: not theirs
    third = make_held_session(cohort, on=week(3), hours=3)
    fourth = make_held_session(cohort, on=week(4), hours=3)
    record(third, late, A.PRESENT, by=teacher)  # 3 h
    record(fourth, late, A.PARTIAL, "1.5", by=teacher)  # 1.5 h
    record(third, personas.enrolment, A.PRESENT, by=teacher)
    record(fourth, personas.enrolment, A.PARTIAL, "1.5", by=teacher)

    summaries = attendance_summaries([late.pk, personas.enrolment.pk])

    # Weeks 3 and 4: 6 h scheduled, 4.5 h attended, 4.5 / 6 = 0.75.
    assert summaries[late.pk].scheduled_hours_so_far == Decimal("6")
    assert summaries[late.pk].attended_hours == Decimal("4.5")
    assert summaries[late.pk].attendance_share == Decimal("0.75")
    # Someone who took part from the cohort's first day has all four: 4.5 / 12 = 0.375.
    assert summaries[personas.enrolment.pk].scheduled_hours_so_far == Decimal("12")
    assert summaries[personas.enrolment.pk].attendance_share == Decimal("0.375")


def test_a_session_on_the_start_day_counts(personas, late):
    make_held_session(personas.cohort, on=week(2), hours=3)
    make_held_session(personas.cohort, on=week(3), hours=2)
    assert attendance_summaries([late.pk])[late.pk].scheduled_hours_so_far == Decimal("2")


def test_the_share_rule_warns_only_on_the_sessions_since_the_start(personas, late):
    personas.version.min_attendance_share = Decimal("0.80")
    personas.version.save(update_fields=["min_attendance_share"])
    for n in (0, 1, 2):
        make_held_session(personas.cohort, on=week(n), hours=3)
    session = make_held_session(personas.cohort, on=week(3), hours=3)
    record(session, late, A.PRESENT, by=personas.teacher)
    summary = attendance_summaries([late.pk])[late.pk]
    # 3 / 3 = 100 %; counted from the cohort's start it would be 3 / 12 = 25 %, below 80 %.
    assert summary.attendance_share == Decimal("1")
    assert summary.warnings == ()


def test_an_earlier_session_they_were_recorded_for_still_counts(personas, late):
    """Recorded before their start (kept from before): the hours and the session both count,
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


# The session's grid


def test_the_grid_of_an_earlier_session_shows_them_as_not_started(client, personas, late):
    early = make_held_session(personas.cohort, on=week(2), hours=3)
    later = make_held_session(personas.cohort, on=week(3), hours=3)
    teacher = personas.teacher
    rows = {r.enrolment.pk: r for r in session_attendance_grid(session=early, viewer=teacher).rows}
    assert rows[late.pk].not_started
    assert not rows[personas.enrolment.pk].not_started
    assert not any(
        r.not_started for r in session_attendance_grid(session=later, viewer=teacher).rows
    )

    client.force_login(teacher)
    page = client.get(reverse("session_attendance", args=[early.pk])).content.decode()
    assert "Ikke startet" in page
    assert "Startet 07.09.2026, etter denne økten. Oppmøte føres ikke." in page
    assert f'name="p{late.pk}-status"' not in page
    assert f'name="p{personas.enrolment.pk}-status"' in page
    # "Merk alle til stede" leaves them out as well.
    page = client.post(
        reverse("session_attendance", args=[early.pk]), {"action": "mark_all_present"}
    ).content.decode()
    assert f'name="p{late.pk}-status"' not in page


def test_resaving_an_earlier_grid_is_not_blocked_by_them(client, personas, late):
    early = make_held_session(personas.cohort, on=week(2), hours=3)
    record(early, personas.enrolment, A.PRESENT, by=personas.teacher)
    record(early, personas.other_enrolment, A.PRESENT, by=personas.teacher)
    client.force_login(personas.teacher)
    response = client.post(
        reverse("session_attendance", args=[early.pk]),
        {
            f"p{personas.enrolment.pk}-status": A.UNEXCUSED,
            f"p{personas.enrolment.pk}-hours": "",
            f"p{personas.other_enrolment.pk}-status": A.PRESENT,
            f"p{personas.other_enrolment.pk}-hours": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    saved = AttendanceRecord.objects.get(session=early, enrolment=personas.enrolment)
    assert saved.status == A.UNEXCUSED
    assert not AttendanceRecord.objects.filter(enrolment=late).exists()


def test_a_mark_posted_for_them_is_refused_and_nothing_is_saved(client, personas, late):
    early = make_held_session(personas.cohort, on=week(2), hours=3)
    client.force_login(personas.teacher)
    response = client.post(
        reverse("session_attendance", args=[early.pk]),
        {
            f"p{personas.enrolment.pk}-status": A.PRESENT,
            f"p{personas.other_enrolment.pk}-status": A.PRESENT,
            f"p{late.pk}-status": A.PRESENT,
        },
    )
    assert response.status_code == 200
    assert f"{late.participant} {NOT_STARTED}" in response.content.decode()
    assert not AttendanceRecord.objects.exists()


def test_the_service_refuses_a_session_before_their_start(personas, late):
    early = make_held_session(personas.cohort, on=week(2), hours=3)
    with pytest.raises(ValidationError) as error:
        attendance_record_session(
            by=personas.teacher,
            session=early,
            rows=[(personas.enrolment, A.PRESENT, None), (_fresh(late), A.PRESENT, None)],
        )
    assert f"{late.participant} {NOT_STARTED}" in error.value.messages
    assert not AttendanceRecord.objects.exists()  # all or nothing


# The cohort attendance matrix


def test_the_matrix_shows_them_as_not_started_and_saves_without_them(client, personas, late):
    early = make_held_session(personas.cohort, on=week(1), hours=3)
    start_day = make_held_session(personas.cohort, on=week(3), hours=3)
    url = reverse("cohort_attendance", args=[personas.cohort.pk])
    client.force_login(personas.teacher)
    page = client.get(url).content.decode()
    assert f'name="{cell_name(early, late)}"' not in page
    assert f'name="{cell_name(start_day, late)}"' in page
    assert f"{late.participant} {NOT_STARTED}" in page

    people = (personas.enrolment, personas.other_enrolment)
    data = {cell_name(s, e): A.PRESENT for s in (early, start_day) for e in people}
    data[cell_name(start_day, late)] = A.PRESENT
    assert client.post(url, data).status_code == 302
    assert AttendanceRecord.objects.count() == 5
    assert list(
        AttendanceRecord.objects.filter(enrolment=late).values_list("session", flat=True)
    ) == [start_day.pk]
    # 3 of 3 hours since the start; the others 6 of 6.
    summaries = attendance_summaries([late.pk, personas.enrolment.pk])
    assert summaries[late.pk].scheduled_hours_so_far == Decimal("3")
    assert summaries[late.pk].attendance_share == Decimal("1")
    assert summaries[personas.enrolment.pk].scheduled_hours_so_far == Decimal("6")


def test_the_matrix_refuses_a_mark_before_their_start(client, personas, late):
    early = make_held_session(personas.cohort, on=week(1), hours=3)
    url = reverse("cohort_attendance", args=[personas.cohort.pk])
    client.force_login(personas.teacher)
    data = {
        cell_name(early, personas.enrolment): A.PRESENT,
        cell_name(early, late): A.PRESENT,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert f"{late.participant} {NOT_STARTED}" in response.content.decode()
    assert not AttendanceRecord.objects.exists()


# The participant's progress


def test_progress_counts_the_hours_since_the_start(personas, late):
    personas.version.min_attendance_share = Decimal("0.80")
    personas.version.save(update_fields=["min_attendance_share"])
    sessions = [make_held_session(personas.cohort, on=week(n), hours=3) for n in range(5)]
    for session in sessions[3:]:  # weeks 3 and 4
        record(session, late, A.PRESENT, by=personas.teacher)
        record(session, personas.enrolment, A.PRESENT, by=personas.teacher)

    result = progress_for([_fresh(late), _fresh(personas.enrolment)])

    # The late starter: 6 of the 6 hours since 07.09.2026, 100 %, the share rule met.
    assert result[late.pk].theory_hours_attended == Decimal("6")
    assert result[late.pk].scheduled_hours_so_far == Decimal("6")
    assert result[late.pk].attendance_share == Decimal("1.0000")
    assert result[late.pk].attendance_share_ok is True
    assert not any(item.startswith("Oppmøte") for item in result[late.pk].missing)
    # The same records from the cohort's first day: 6 of 15 hours, 40 %, below the rule.
    assert result[personas.enrolment.pk].scheduled_hours_so_far == Decimal("15")
    assert result[personas.enrolment.pk].attendance_share == Decimal("0.4000")
    assert result[personas.enrolment.pk].attendance_share_ok is False
    assert "Oppmøte 40 % av timene så langt (kravet er minst 80 %)" in (
        result[personas.enrolment.pk].missing
    )


# The start comes in the queries that fetch the enrolments: no query per person.


def _late_starters(personas, n):
    people = []
    for _ in range(n):
        admitted = make_enrolment(personas.cohort, status=Status.VENTER_PA_OPPSTART)
        people.append(
            enrolment_transition(by=None, enrolment=admitted, to=Status.DELTAR, on=week(3))
        )
    return people


@pytest.mark.parametrize("n", [1, 10])
def test_the_grid_and_the_matrix_take_the_same_queries_with_late_starters(
    client, personas, django_assert_num_queries, n
):
    early = make_held_session(personas.cohort, on=week(1), hours=3)
    make_held_session(personas.cohort, on=week(3), hours=3)
    late = _late_starters(personas, n)
    client.force_login(personas.teacher)
    # The same counts as without them (test_session_attendance, test_cohort_attendance).
    with django_assert_num_queries(10):
        response = client.get(reverse("session_attendance", args=[early.pk]))
    assert sum(row.not_started for row in response.context["grid"].rows) == n
    with django_assert_num_queries(8):
        response = client.get(reverse("cohort_attendance", args=[personas.cohort.pk]))
    assert {row.enrolment.pk: row.started_on for row in response.context["matrix"].rows} == {
        **{e.pk: week(3) for e in late},
        personas.enrolment.pk: week(0),
        personas.other_enrolment.pk: week(0),
    }
