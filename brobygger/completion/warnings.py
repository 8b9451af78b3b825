"""Who needs following up, and why: the one rule behind the warnings on the cohort overview and
on the participant's page (and "my progress").

A pure function over the per-enrolment summaries the other apps already compute
(`attendance_summaries`, `practice_summaries`, `assignment_states`), so it runs no queries and
both pages, fed by `selectors.progress_for`, show the same warnings with the same words.
Attendance words come from the attendance app itself (`AttendanceSummary.alerts`), so its own
panel and grid cannot disagree with these either.

Only enrolments with status DELTAR get warnings: on leave, absence is expected; before the
start and after the end there is nothing left to follow up here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from brobygger.assessments.selectors import AssignmentState
from brobygger.attendance.selectors import ABSENCES_IN_A_ROW, SHARE_BELOW_RULE, AttendanceSummary
from brobygger.core.formatting import format_day
from brobygger.enrolments.models import Status
from brobygger.placements.rules import monday_of
from brobygger.placements.selectors import PracticeSummary
from brobygger.programmes.models import ProgrammeVersion

# Severities, most serious first. The text says what is wrong; the severity only orders the
# tags and picks the colour, and is spelt out for screen readers (never colour alone).
DANGER = "danger"
WARNING = "warning"
INFO = "info"
SEVERITY_RANK = {DANGER: 0, WARNING: 1, INFO: 2}
SEVERITY_LABELS: dict[str, Promise] = {
    DANGER: gettext_lazy("Alvorlig"),
    WARNING: gettext_lazy("Advarsel"),
    INFO: gettext_lazy("Til oppfølging"),
}

# Codes (stable, for tests and styling). The attendance ones are the attendance app's codes.
ATTENDANCE_SHARE = SHARE_BELOW_RULE
ATTENDANCE_IN_A_ROW = ABSENCES_IN_A_ROW
PRACTICE_BEHIND = "practice_behind"
TIMESHEETS_WAITING = "timesheets_waiting"
ASSIGNMENT_MISSING = "assignment_missing"
ASSIGNMENT_RESUBMIT = "assignment_resubmit"
ASSIGNMENT_NOT_APPROVED = "assignment_not_approved"

_ATTENDANCE_SEVERITY = {ATTENDANCE_SHARE: DANGER, ATTENDANCE_IN_A_ROW: WARNING}

# Practice is "behind plan" when the weeks approved or waiting for approval trail the weeks due
# by this many or more. One week of slack, so last week's timesheet not yet sent on a Monday
# morning is not a warning on its own.
PRACTICE_WEEKS_BEHIND_WARNING = 2


@dataclass(frozen=True)
class ParticipantWarning:
    code: str
    text: str  # Norwegian, a short sentence ready to show
    severity: str  # DANGER | WARNING | INFO

    @property
    def severity_label(self) -> str:
        return str(SEVERITY_LABELS[self.severity])


def practice_weeks_due(*, first_start: dt.date | None, required: int, today: dt.date) -> int:
    """The practice weeks that should be done by now: every week from the first placement's
    start week that has ended before this week, at most the version's required weeks."""
    if first_start is None:
        return 0
    ended = (monday_of(today) - monday_of(first_start)).days // 7
    return max(0, min(required, ended))


def _practice(
    practice: PracticeSummary, version: ProgrammeVersion, today: dt.date
) -> list[ParticipantWarning]:
    warnings: list[ParticipantWarning] = []
    due = practice_weeks_due(
        first_start=practice.first_start, required=version.practice_weeks, today=today
    )
    done = practice.approved_weeks + practice.submitted_weeks
    behind = due - done
    if behind >= PRACTICE_WEEKS_BEHIND_WARNING:
        text = ngettext(
            "Praksis %(behind)s uke bak planen: %(done)s av %(due)s uker så langt.",
            "Praksis %(behind)s uker bak planen: %(done)s av %(due)s uker så langt.",
            behind,
        ) % {"behind": behind, "done": done, "due": due}
        warnings.append(ParticipantWarning(PRACTICE_BEHIND, text, WARNING))
    if practice.submitted_weeks:
        text = ngettext(
            "%(n)s timeliste venter på godkjenning.",
            "%(n)s timelister venter på godkjenning.",
            practice.submitted_weeks,
        ) % {"n": practice.submitted_weeks}
        warnings.append(ParticipantWarning(TIMESHEETS_WAITING, text, INFO))
    return warnings


def _assignment(
    assignment: AssignmentState, version: ProgrammeVersion, deadline: dt.date, today: dt.date
) -> list[ParticipantWarning]:
    if not version.assignment_required:
        return []
    if assignment.state == "resubmit":
        text = _("Skriftlig oppgave må leveres på nytt.")
        return [ParticipantWarning(ASSIGNMENT_RESUBMIT, text, WARNING)]
    if assignment.state == "not_approved":
        text = _("Skriftlig oppgave er ikke godkjent.")
        return [ParticipantWarning(ASSIGNMENT_NOT_APPROVED, text, DANGER)]
    if assignment.state == "none" and today > deadline:
        text = _("Skriftlig oppgave er ikke levert, og fristen %(date)s er passert.") % {
            "date": format_day(deadline)
        }
        return [ParticipantWarning(ASSIGNMENT_MISSING, text, DANGER)]
    return []


def warnings_for(
    *,
    status: str,
    version: ProgrammeVersion,
    deadline: dt.date,
    attendance: AttendanceSummary,
    practice: PracticeSummary,
    assignment: AssignmentState,
    today: dt.date,
) -> tuple[ParticipantWarning, ...]:
    """The warnings for one enrolment, most serious first. `deadline` is the date the written
    assignment is due (the cohort's end date: versions and cohorts have no deadline of their
    own yet)."""
    if status != Status.DELTAR:
        return ()
    warnings = [
        ParticipantWarning(alert.code, alert.text, _ATTENDANCE_SEVERITY.get(alert.code, WARNING))
        for alert in attendance.alerts
    ]
    warnings += _practice(practice, version, today)
    warnings += _assignment(assignment, version, deadline, today)
    # sorted() is stable: within a severity, the order above (attendance, practice, assignment).
    return tuple(sorted(warnings, key=lambda w: SEVERITY_RANK[w.severity]))
