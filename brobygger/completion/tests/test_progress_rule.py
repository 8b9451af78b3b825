"""The completion rule itself, on summaries built by hand (no other app involved)."""

from decimal import Decimal

from brobygger.assessments.selectors import AssignmentState
from brobygger.attendance.selectors import AttendanceSummary
from brobygger.completion.progress import build_progress, format_number
from brobygger.placements.selectors import PracticeSummary
from brobygger.programmes.models import ProgrammeVersion


def version(**fields):
    return ProgrammeVersion(**fields)  # unsaved: the rule only reads its fields


def progress(
    *,
    attended="0",
    scheduled="0",
    weeks=0,
    submitted_weeks=0,
    state="none",
    **version_fields,
):
    return build_progress(
        enrolment_id=1,
        version=version(**version_fields),
        attendance=AttendanceSummary(
            attended_hours=Decimal(attended), scheduled_hours_so_far=Decimal(scheduled)
        ),
        practice=PracticeSummary(approved_weeks=weeks, submitted_weeks=submitted_weeks),
        assignment=AssignmentState(state=state, attempts=0 if state == "none" else 1),
    )


def test_nothing_done_lists_every_requirement():
    p = progress()
    assert not p.eligible
    assert p.missing == [
        "180 timer teori",
        "20 praksisuker",
        "Skriftlig oppgave er ikke levert",
    ]
    assert p.summary_text == "0 av 180 timer, 0 av 20 uker, oppgave ikke levert"
    assert (p.hours_percent, p.weeks_percent, p.assignment_percent) == (0, 0, 0)


def test_the_example_from_the_issue():
    p = progress(attended="142", scheduled="150", weeks=17, state="submitted")
    assert p.summary_text == "142 av 180 timer, 17 av 20 uker, oppgave levert, ikke vurdert ennå"
    assert p.missing == [
        "38 timer teori",
        "3 praksisuker",
        "Skriftlig oppgave er levert, men ikke vurdert",
    ]
    assert p.hours_text == "142 / 180 t"
    assert p.weeks_text == "17 / 20 uker"
    assert p.hours_percent == 78  # 142/180 = 78.9, floored
    assert p.weeks_percent == 85
    assert p.assignment_percent == 50


def test_eligible_only_when_all_three_hold():
    assert progress(attended="180", weeks=20, state="approved").eligible
    assert not progress(attended="179.5", weeks=20, state="approved").eligible
    assert not progress(attended="180", weeks=19, state="approved").eligible
    assert not progress(attended="180", weeks=20, state="submitted").eligible
    assert progress(attended="180", weeks=20, state="approved").missing == []


def test_one_week_and_half_hours_are_worded_right():
    p = progress(attended="179.5", weeks=19, state="approved")
    assert p.missing == ["0,5 timer teori", "1 praksisuke"]


def test_percentages_are_capped_at_100():
    p = progress(attended="200", scheduled="200", weeks=25, state="approved")
    assert (p.hours_percent, p.weeks_percent, p.assignment_percent) == (100, 100, 100)
    assert p.hours_text == "200 / 180 t"


def test_a_version_without_assignment_ignores_it():
    p = progress(attended="180", weeks=20, state="none", assignment_required=False)
    assert p.eligible
    assert p.missing == []
    assert p.summary_text == "180 av 180 timer, 20 av 20 uker"
    assert p.assignment_text == "Kreves ikke"


def test_resubmit_and_not_approved_are_missing():
    assert progress(state="resubmit").missing[-1] == "Skriftlig oppgave må leveres på nytt"
    assert progress(state="not_approved").missing[-1] == "Skriftlig oppgave er ikke godkjent"


def test_no_share_rule_means_share_ok_is_none():
    p = progress(attended="180", scheduled="400", weeks=20, state="approved")
    assert p.attendance_share_ok is None
    assert p.eligible
    assert p.attendance_share_text == ""


def test_the_share_rule_applies_on_top_of_the_hours():
    share = Decimal("0.80")
    # Enough hours, but only 180 of 240 scheduled so far (75 %).
    low = progress(
        attended="180", scheduled="240", weeks=20, state="approved", min_attendance_share=share
    )
    assert low.attendance_share_ok is False
    assert not low.theory_ok
    assert not low.eligible
    assert low.missing == ["Oppmøte 75 % av timene så langt (kravet er minst 80 %)"]
    # 180 of 225 is exactly 80 %: met.
    exact = progress(
        attended="180", scheduled="225", weeks=20, state="approved", min_attendance_share=share
    )
    assert exact.attendance_share_ok is True
    assert exact.eligible
    # A good share does not make up for too few hours.
    few = progress(
        attended="100", scheduled="100", weeks=20, state="approved", min_attendance_share=share
    )
    assert few.attendance_share_ok is True
    assert not few.eligible
    assert few.missing == ["80 timer teori"]


def test_nothing_scheduled_yet_does_not_break_the_share_rule():
    p = progress(min_attendance_share=Decimal("0.8"))
    assert p.attendance_share_ok is True
    assert p.attendance_share is None


def test_an_older_version_has_its_own_figures():
    p = progress(attended="140", weeks=14, state="approved", theory_hours=140, practice_weeks=14)
    assert p.eligible
    assert p.requirements_text == "140 timer teori, 14 praksisuker og godkjent skriftlig oppgave"


def test_format_number():
    assert format_number(Decimal("142.00")) == "142"
    assert format_number(Decimal("37.50")) == "37,5"
    assert format_number(Decimal("16.875")) == "16,88"
    assert format_number(20) == "20"
