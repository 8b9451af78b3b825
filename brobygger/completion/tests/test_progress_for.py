"""progress_for over real rows in the attendance, placements and assessments apps."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from brobygger.assessments.models import Outcome
from brobygger.attendance.models import AttendanceStatus
from brobygger.completion.selectors import progress_for
from brobygger.completion.tests.factories import (
    add_sessions,
    add_weeks,
    assess,
    attend,
    make_eligible,
    sessions_of,
    submit,
)
from brobygger.enrolments.models import Enrolment
from brobygger.placements.models import TimesheetStatus
from brobygger.programmes.models import Cohort
from brobygger.testing import make_cohort, make_enrolment, make_programme


def fresh(enrolment):
    return Enrolment.objects.get(pk=enrolment.pk)


def test_what_is_missing_changes_as_data_is_added(personas):
    enrolment = personas.enrolment
    p = progress_for([enrolment])[enrolment.pk]
    assert p.missing == ["180 timer teori", "20 praksisuker", "Skriftlig oppgave er ikke levert"]

    sessions = add_sessions(personas.cohort, 30)  # 180 h scheduled
    attend(enrolment, sessions[:23], by=personas.teacher)  # 138 h
    attend(enrolment, sessions[23:24], by=personas.teacher, status=AttendanceStatus.EXCUSED)
    p = progress_for([fresh(enrolment)])[enrolment.pk]
    assert p.theory_hours_attended == Decimal("138")
    assert p.scheduled_hours_so_far == Decimal("180")
    assert p.missing[0] == "42 timer teori"  # excused absence is not attendance

    add_weeks(enrolment, 17, host=personas.host, supervisor=personas.supervisor)
    add_weeks(
        enrolment,
        1,
        host=personas.host,
        supervisor=personas.supervisor,
        status=TimesheetStatus.SUBMITTED,
    )
    add_weeks(  # approved, but too few hours to count as a practice week
        enrolment, 1, host=personas.host, supervisor=personas.supervisor, hours=Decimal("10")
    )
    submission = submit(enrolment, by=personas.participant_user)
    p = progress_for([fresh(enrolment)])[enrolment.pk]
    assert p.summary_text == "138 av 180 timer, 17 av 20 uker, oppgave levert, ikke vurdert ennå"
    assert p.missing == [
        "42 timer teori",
        "3 praksisuker",
        "Skriftlig oppgave er levert, men ikke vurdert",
    ]
    assert p.practice_weeks_submitted == 1
    assert not p.eligible

    attend(enrolment, sessions[24:], by=personas.teacher)  # 6 more sessions: 174 h
    add_weeks(enrolment, 3, host=personas.host, supervisor=personas.supervisor)
    assess(submission, by=personas.coordinator, outcome=Outcome.RESUBMIT)
    p = progress_for([fresh(enrolment)])[enrolment.pk]
    assert p.missing == ["6 timer teori", "Skriftlig oppgave må leveres på nytt"]
    assert not p.eligible

    assess(submit(enrolment, by=personas.participant_user), by=personas.coordinator)
    p = progress_for([fresh(enrolment)])[enrolment.pk]
    assert p.missing == ["6 timer teori"]
    assert not p.eligible

    add_sessions(personas.cohort, 1)
    attend(enrolment, sessions_of(personas.cohort, 31)[30:], by=personas.teacher)
    p = progress_for([fresh(enrolment)])[enrolment.pk]
    assert p.missing == []
    assert p.eligible
    assert p.summary_text == "180 av 180 timer, 20 av 20 uker, oppgave godkjent"


def test_a_version_without_assignment_ignores_it(personas):
    version = make_programme(personas.bergen, name="Uten oppgave", assignment_required=False)
    enrolment = make_enrolment(make_cohort(version, coordinators=[personas.coordinator]))
    sessions = add_sessions(enrolment.cohort, 30)
    attend(enrolment, sessions, by=personas.teacher)
    add_weeks(enrolment, 20, host=personas.host, supervisor=personas.supervisor)
    p = progress_for([fresh(enrolment)])[enrolment.pk]
    assert p.eligible
    assert not p.assignment_required
    assert p.assignment_state == "none"


def test_each_enrolment_is_measured_by_its_own_cohorts_version(personas):
    old = make_programme(personas.bergen, name="2010", theory_hours=140, practice_weeks=14)
    old_enrolment = make_enrolment(make_cohort(old))
    for enrolment in (personas.enrolment, old_enrolment):
        attend(enrolment, add_sessions(enrolment.cohort, 24), by=personas.teacher)  # 144 h
        add_weeks(enrolment, 14, host=personas.host, supervisor=personas.supervisor)
        assess(submit(enrolment, by=personas.participant_user), by=personas.coordinator)
    result = progress_for([fresh(personas.enrolment), fresh(old_enrolment)])
    assert result[old_enrolment.pk].eligible
    assert not result[personas.enrolment.pk].eligible
    assert result[personas.enrolment.pk].missing == ["36 timer teori", "6 praksisuker"]


def test_the_minimum_share_rule(personas):
    version = make_programme(personas.bergen, name="Med andel", min_attendance_share="0.80")
    enrolment = make_enrolment(make_cohort(version))
    sessions = add_sessions(enrolment.cohort, 40)  # 240 h held so far
    attend(enrolment, sessions[:30], by=personas.teacher)  # 180 h = 75 %
    attend(enrolment, sessions[30:], by=personas.teacher, status=AttendanceStatus.UNEXCUSED)
    add_weeks(enrolment, 20, host=personas.host, supervisor=personas.supervisor)
    assess(submit(enrolment, by=personas.participant_user), by=personas.coordinator)
    p = progress_for([fresh(enrolment)])[enrolment.pk]
    assert p.theory_hours_attended == Decimal("180")
    assert p.attendance_share_ok is False
    assert not p.eligible
    assert p.missing == ["Oppmøte 75 % av timene så langt (kravet er minst 80 %)"]


def test_the_same_number_of_queries_for_any_number_of_enrolments(personas):
    make_eligible(personas.enrolment, personas=personas)
    two = list(Enrolment.objects.filter(cohort=personas.cohort))
    with CaptureQueriesContext(connection) as small:
        progress_for(two)
    Cohort.objects.filter(pk=personas.cohort.pk).update(capacity=100)
    for _ in range(20):
        enrolment = make_enrolment(personas.cohort)
        make_eligible(enrolment, personas=personas)
    many = list(Enrolment.objects.filter(cohort=personas.cohort))
    assert len(many) == 22
    with CaptureQueriesContext(connection) as large:
        result = progress_for(many)
    assert len(large.captured_queries) == len(small.captured_queries)
    assert sum(p.eligible for p in result.values()) == 21


def test_no_enrolments_no_queries(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert progress_for([]) == {}
