"""The completion rule: combine the three apps' summaries with a programme version.

Pure functions (no queries), so the rule can be tested on its own; `selectors.progress_for`
fetches the summaries and versions for many enrolments at once and calls `build_progress`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from brobygger.assessments.selectors import AssignmentState
from brobygger.attendance.rules import attendance_share, meets_share_rule
from brobygger.attendance.selectors import AttendanceSummary
from brobygger.completion.warnings import ParticipantWarning
from brobygger.core.formatting import format_number
from brobygger.placements.selectors import PracticeSummary
from brobygger.programmes.models import ProgrammeVersion

APPROVED = "approved"
SUBMITTED = "submitted"
RESUBMIT = "resubmit"
NOT_APPROVED = "not_approved"


@dataclass(frozen=True)
class Progress:
    enrolment_id: int
    theory_hours_attended: Decimal
    theory_hours_required: Decimal
    scheduled_hours_so_far: Decimal
    min_attendance_share: Decimal | None
    attendance_share: Decimal | None  # attended / scheduled so far; None before any session
    attendance_share_ok: bool | None  # None when the version has no share rule
    practice_weeks_approved: int
    practice_weeks_submitted: int
    practice_weeks_required: int
    assignment_required: bool
    assignment_state: str  # see assessments.selectors.AssignmentState.state
    assignment_attempts: int
    theory_ok: bool
    practice_ok: bool
    assignment_ok: bool
    eligible: bool
    missing: list[str] = field(default_factory=list)  # Norwegian, one requirement per entry
    summary_text: str = ""
    hours_percent: int = 0
    weeks_percent: int = 0
    assignment_percent: int = 0
    hours_text: str = ""  # "142 / 180 t"
    weeks_text: str = ""  # "17 / 20 uker"
    assignment_text: str = ""  # "Levert, ikke vurdert"
    attendance_share_text: str = ""  # set only when the version has a share rule
    requirements_text: str = ""  # "180 timer teori, 20 praksisuker og godkjent skriftlig oppgave"
    # Who needs following up and why (completion.warnings); set by selectors.progress_for,
    # which knows the enrolment's status, the assignment deadline and today.
    warnings: tuple[ParticipantWarning, ...] = ()


def _percent(part: Decimal | int, whole: Decimal | int) -> int:
    """Share for a progress bar, floored and capped at 100 (a met requirement shows 100)."""
    if whole <= 0:
        return 100
    share = (Decimal(part) * 100 / Decimal(whole)).to_integral_value(rounding=ROUND_FLOOR)
    return max(0, min(100, int(share)))


def _whole_percent(share: Decimal) -> str:
    return format_number((share * 100).to_integral_value(rounding=ROUND_FLOOR))


def _join_and(parts: list[str]) -> str:
    """Join as "a, b og c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(first)s og %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def _assignment_texts(state: str) -> tuple[str, str, str]:
    """(bar label, summary phrase, missing sentence) for an assignment state."""
    if state == APPROVED:
        return _("Godkjent"), _("oppgave godkjent"), ""
    if state == SUBMITTED:
        return (
            _("Levert, ikke vurdert"),
            _("oppgave levert, ikke vurdert ennå"),
            _("Skriftlig oppgave er levert, men ikke vurdert"),
        )
    if state == RESUBMIT:
        return (
            _("Må leveres på nytt"),
            _("oppgave må leveres på nytt"),
            _("Skriftlig oppgave må leveres på nytt"),
        )
    if state == NOT_APPROVED:
        return (
            _("Ikke godkjent"),
            _("oppgave ikke godkjent"),
            _("Skriftlig oppgave er ikke godkjent"),
        )
    return (
        _("Ikke levert"),
        _("oppgave ikke levert"),
        _("Skriftlig oppgave er ikke levert"),
    )


def build_progress(
    *,
    enrolment_id: int,
    version: ProgrammeVersion,
    attendance: AttendanceSummary,
    practice: PracticeSummary,
    assignment: AssignmentState,
) -> Progress:
    attended = attendance.attended_hours
    required = version.theory_hours
    scheduled = attendance.scheduled_hours_so_far
    share_rule = version.min_attendance_share
    exact_share = attendance_share(attended=attended, scheduled=scheduled)
    share = exact_share.quantize(Decimal("0.0001")) if exact_share is not None else None
    share_ok = meets_share_rule(share=exact_share, min_share=share_rule)
    theory_ok = attended >= required and share_ok is not False

    weeks = practice.approved_weeks
    weeks_required = version.practice_weeks
    practice_ok = weeks >= weeks_required

    state = assignment.state
    assignment_ok = state == APPROVED or not version.assignment_required
    bar_label, summary_phrase, missing_sentence = _assignment_texts(state)

    share_text = ""
    if share_rule is not None:
        share_text = _("Oppmøtekrav: minst %(rule)s %% av timene som er holdt så langt.") % {
            "rule": format_number(share_rule * 100)
        }
        if share is not None:
            share_text += " " + _("Nå: %(actual)s %%.") % {"actual": _whole_percent(share)}

    missing: list[str] = []
    if attended < required:
        missing.append(_("%(hours)s timer teori") % {"hours": format_number(required - attended)})
    if share_ok is False and share is not None:
        missing.append(
            _("Oppmøte %(actual)s %% av timene så langt (kravet er minst %(rule)s %%)")
            % {
                "actual": _whole_percent(share),
                "rule": format_number(share_rule * 100),  # type: ignore[operator]
            }
        )
    if not practice_ok:
        short = weeks_required - weeks
        missing.append(ngettext("%(n)s praksisuke", "%(n)s praksisuker", short) % {"n": short})
    if version.assignment_required and not assignment_ok:
        missing.append(missing_sentence)

    summary = [
        _("%(done)s av %(required)s timer")
        % {"done": format_number(attended), "required": format_number(required)},
        _("%(done)s av %(required)s uker") % {"done": weeks, "required": weeks_required},
    ]
    if version.assignment_required:
        summary.append(summary_phrase)

    requirements = [
        _("%(hours)s timer teori") % {"hours": format_number(required)},
        ngettext("%(n)s praksisuke", "%(n)s praksisuker", weeks_required) % {"n": weeks_required},
    ]
    if version.assignment_required:
        requirements.append(_("godkjent skriftlig oppgave"))

    assignment_steps = {APPROVED: 2, SUBMITTED: 1, RESUBMIT: 1, NOT_APPROVED: 1}
    return Progress(
        enrolment_id=enrolment_id,
        theory_hours_attended=attended,
        theory_hours_required=required,
        scheduled_hours_so_far=scheduled,
        min_attendance_share=share_rule,
        attendance_share=share,
        attendance_share_ok=share_ok,
        practice_weeks_approved=weeks,
        practice_weeks_submitted=practice.submitted_weeks,
        practice_weeks_required=weeks_required,
        assignment_required=version.assignment_required,
        assignment_state=state,
        assignment_attempts=assignment.attempts,
        theory_ok=theory_ok,
        practice_ok=practice_ok,
        assignment_ok=assignment_ok,
        eligible=theory_ok and practice_ok and assignment_ok,
        missing=missing,
        summary_text=", ".join(summary),
        hours_percent=_percent(attended, required),
        weeks_percent=_percent(weeks, weeks_required),
        assignment_percent=assignment_steps.get(state, 0) * 50,
        hours_text=_("%(done)s / %(required)s t")
        % {"done": format_number(attended), "required": format_number(required)},
        weeks_text=_("%(done)s / %(required)s uker") % {"done": weeks, "required": weeks_required},
        assignment_text=bar_label if version.assignment_required else _("Kreves ikke"),
        attendance_share_text=share_text,
        requirements_text=_join_and(requirements),
    )
