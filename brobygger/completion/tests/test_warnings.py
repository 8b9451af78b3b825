"""The warnings rule itself (completion.warnings), on summaries built by hand: no queries."""

import datetime as dt
from decimal import Decimal

from brobygger.assessments.selectors import AssignmentState
from brobygger.attendance.selectors import (
    ABSENCES_IN_A_ROW,
    SHARE_BELOW_RULE,
    AttendanceAlert,
    AttendanceSummary,
)
from brobygger.completion import warnings as w
from brobygger.enrolments.models import Status
from brobygger.placements.selectors import PracticeSummary
from brobygger.programmes.models import ProgrammeVersion

START = dt.date(2026, 8, 17)  # a Monday
DEADLINE = dt.date(2027, 6, 21)
TODAY = dt.date(2026, 11, 2)  # 11 weeks after START, a Monday


def warnings(
    *,
    status=Status.DELTAR,
    alerts=(),
    approved=0,
    submitted=0,
    first_start=START,
    state="none",
    today=TODAY,
    **version_fields,
):
    return w.warnings_for(
        status=status,
        version=ProgrammeVersion(**version_fields),  # unsaved: the rule only reads its fields
        deadline=DEADLINE,
        attendance=AttendanceSummary(alerts=tuple(alerts)),
        practice=PracticeSummary(
            approved_weeks=approved,
            submitted_weeks=submitted,
            has_placement=first_start is not None,
            first_start=first_start,
        ),
        assignment=AssignmentState(state=state, attempts=0 if state == "none" else 1),
        today=today,
    )


def codes(result):
    return [warning.code for warning in result]


def test_someone_on_plan_has_no_warnings():
    assert warnings(approved=11) == ()
    assert warnings(approved=10) == ()  # one week of slack: last week's sheet may come today


def test_the_attendance_apps_alerts_are_taken_word_for_word():
    share = AttendanceAlert(SHARE_BELOW_RULE, "Oppmøtet er 60 % av timene så langt, …")
    row = AttendanceAlert(ABSENCES_IN_A_ROW, "Fravær tre ganger på rad.")
    result = warnings(approved=11, alerts=[row, share])
    assert [(x.code, x.text, x.severity) for x in result] == [
        (w.ATTENDANCE_SHARE, share.text, w.DANGER),  # the more serious one first
        (w.ATTENDANCE_IN_A_ROW, row.text, w.WARNING),
    ]


def test_practice_behind_plan_counts_approved_and_waiting_weeks_against_the_weeks_due():
    assert w.practice_weeks_due(first_start=START, required=20, today=TODAY) == 11
    (behind,) = warnings(approved=8)
    assert behind.code == w.PRACTICE_BEHIND and behind.severity == w.WARNING
    assert behind.text == "Praksis 3 uker bak planen: 8 av 11 uker så langt."
    # Waiting weeks count toward the plan (the supervisor is the one behind), and are told.
    assert codes(warnings(approved=8, submitted=2)) == [w.TIMESHEETS_WAITING]
    (waiting,) = warnings(approved=8, submitted=2)
    assert waiting.text == "2 timelister venter på godkjenning." and waiting.severity == w.INFO


def test_the_weeks_due_stop_at_the_versions_requirement_and_start_with_the_placement():
    late = dt.date(2027, 5, 3)
    assert w.practice_weeks_due(first_start=START, required=20, today=late) == 20
    assert codes(warnings(approved=20, today=late)) == []
    assert codes(warnings(approved=17, today=late)) == [w.PRACTICE_BEHIND]
    assert w.practice_weeks_due(first_start=None, required=20, today=late) == 0
    assert warnings(first_start=None) == ()  # no placement yet: no plan to be behind
    future = TODAY + dt.timedelta(days=30)
    assert w.practice_weeks_due(first_start=future, required=20, today=TODAY) == 0
    # The week of the start counts once it has ended, a mid-week start included.
    wednesday = START + dt.timedelta(days=2)
    assert w.practice_weeks_due(first_start=wednesday, required=20, today=START) == 0
    monday_after = START + dt.timedelta(weeks=1)
    assert w.practice_weeks_due(first_start=wednesday, required=20, today=monday_after) == 1


def test_assignment_states_that_need_following_up():
    (resubmit,) = warnings(approved=11, state="resubmit")
    assert (resubmit.code, resubmit.severity) == (w.ASSIGNMENT_RESUBMIT, w.WARNING)
    assert resubmit.text == "Skriftlig oppgave må leveres på nytt."
    (rejected,) = warnings(approved=11, state="not_approved")
    assert (rejected.code, rejected.severity) == (w.ASSIGNMENT_NOT_APPROVED, w.DANGER)
    assert warnings(approved=11, state="submitted") == ()
    assert warnings(approved=11, state="approved") == ()


def test_a_missing_assignment_is_a_warning_only_after_the_deadline():
    assert warnings(approved=11) == ()
    assert warnings(approved=20, today=DEADLINE) == ()
    after = DEADLINE + dt.timedelta(days=1)
    (missing,) = warnings(approved=20, today=after)
    assert (missing.code, missing.severity) == (w.ASSIGNMENT_MISSING, w.DANGER)
    assert missing.text == "Skriftlig oppgave er ikke levert, og fristen 21.06.2027 er passert."
    assert warnings(approved=20, today=after, assignment_required=False) == ()


def test_only_those_taking_part_get_warnings():
    alert = AttendanceAlert(ABSENCES_IN_A_ROW, "Fravær tre ganger på rad.")
    for status in (Status.PERMISJON, Status.FULLFORT, Status.AVBRUTT, Status.VENTER_PA_OPPSTART):
        assert warnings(status=status, alerts=[alert], state="resubmit") == ()


def test_the_severity_is_spelt_out_for_screen_readers():
    (warning,) = warnings(approved=11, state="not_approved")
    assert warning.severity_label == "Alvorlig"
    assert {str(label) for label in w.SEVERITY_LABELS.values()} == {
        "Alvorlig",
        "Advarsel",
        "Til oppfølging",
    }


def test_attendance_summary_texts_are_the_alerts_texts():
    summary = AttendanceSummary(
        attended_hours=Decimal("1"),
        alerts=(AttendanceAlert(ABSENCES_IN_A_ROW, "Fravær tre ganger på rad."),),
    )
    assert summary.warnings == ("Fravær tre ganger på rad.",)
