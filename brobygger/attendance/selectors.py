"""Reads for attendance, each in a fixed number of queries whatever the number of rows.

`attendance_summaries` is the cross-app contract (docs/architecture.md): completion combines it
with practice and assignment to tell each participant what is missing."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.attendance.models import AttendanceRecord, AttendanceStatus
from brobygger.attendance.rules import (
    ABSENT,
    GRID_STATUSES,
    attendance_share,
    before_start,
    meets_share_rule,
    started_on,
)
from brobygger.core.formatting import whole_percent
from brobygger.enrolments.access import participants_visible_q
from brobygger.enrolments.models import Enrolment, Status
from brobygger.programmes.models import Session, SessionStatus
from brobygger.programmes.selectors import planned_sessions_by_cohort, total_hours

ABSENCES_IN_A_ROW_WARNING = 3

# Codes of the attendance warnings (completion.warnings turns them into the page warnings).
SHARE_BELOW_RULE = "attendance_share"
ABSENCES_IN_A_ROW = "absences_in_a_row"


@dataclass(frozen=True)
class AttendanceAlert:
    code: str  # SHARE_BELOW_RULE | ABSENCES_IN_A_ROW
    text: str  # Norwegian, ready to show


@dataclass(frozen=True)
class AttendanceSummary:
    attended_hours: Decimal = Decimal("0")
    # Planned (not cancelled) sessions up to today from the participant's start (rules.started_on).
    scheduled_hours_so_far: Decimal = Decimal("0")
    excused_absences: int = 0
    unexcused_absences: int = 0
    absences_in_a_row: int = 0  # latest consecutive absences (excused or not) up to today
    alerts: tuple[AttendanceAlert, ...] = field(default_factory=tuple)
    # Added by the attendance app: the version's requirements, for display next to the numbers.
    required_hours: Decimal = Decimal("0")
    min_attendance_share: Decimal | None = None
    # attended / scheduled so far (0..1+), None when nothing has been scheduled yet.
    attendance_share: Decimal | None = None

    @property
    def warnings(self) -> tuple[str, ...]:
        """The alerts' texts (Norwegian, ready to show), as the grid and the panel show them."""
        return tuple(alert.text for alert in self.alerts)


def _alerts(
    *, share: Decimal | None, min_share: Decimal | None, in_a_row: int
) -> tuple[AttendanceAlert, ...]:
    alerts: list[AttendanceAlert] = []
    if (
        min_share is not None
        and share is not None
        and not meets_share_rule(share=share, min_share=min_share)
    ):
        text = _("Oppmøtet er %(share)s %% av timene så langt, under kravet på %(required)s %%.")
        alerts.append(
            AttendanceAlert(
                SHARE_BELOW_RULE,
                text % {"share": whole_percent(share), "required": whole_percent(min_share)},
            )
        )
    if in_a_row >= ABSENCES_IN_A_ROW_WARNING:
        alerts.append(AttendanceAlert(ABSENCES_IN_A_ROW, _("Fravær tre ganger på rad.")))
    return tuple(alerts)


def attendance_summaries(
    enrolment_ids: Iterable[int], *, today: dt.date | None = None
) -> dict[int, AttendanceSummary]:
    """One summary per enrolment id, in three queries (enrolments with their start, sessions,
    records).

    The hours scheduled so far are the cohort's planned sessions up to today from the
    participant's start (rules.started_on, the first "deltar" date), plus any earlier session
    they were recorded for anyway, so someone who started late is not counted absent from
    sessions before their time and the share never exceeds what they did."""
    ids = list(dict.fromkeys(enrolment_ids))
    if not ids:
        return {}
    today = today or timezone.localdate()
    enrolments = list(
        Enrolment.objects.filter(pk__in=ids)
        .annotate(started_on=started_on())
        .values_list(
            "pk",
            "cohort_id",
            "cohort__version__theory_hours",
            "cohort__version__min_attendance_share",
            "started_on",
        )
    )
    sessions = planned_sessions_by_cohort({row[1] for row in enrolments}, up_to=today)

    attended: dict[int, Decimal] = defaultdict(Decimal)
    excused: dict[int, int] = defaultdict(int)
    unexcused: dict[int, int] = defaultdict(int)
    in_a_row: dict[int, int] = defaultdict(int)
    recorded: dict[int, set[int]] = defaultdict(set)
    records = (
        AttendanceRecord.objects.filter(enrolment_id__in=ids)
        .exclude(session__status=SessionStatus.CANCELLED)
        .order_by("session__date", "session__start_time", "pk")
        .values_list("enrolment_id", "status", "hours", "session__date", "session_id")
    )
    for enrolment_id, status, hours, date, session_id in records:
        attended[enrolment_id] += hours
        recorded[enrolment_id].add(session_id)
        if status == AttendanceStatus.EXCUSED:
            excused[enrolment_id] += 1
        elif status == AttendanceStatus.UNEXCUSED:
            unexcused[enrolment_id] += 1
        if date <= today:
            in_a_row[enrolment_id] = in_a_row[enrolment_id] + 1 if status in ABSENT else 0

    summaries = {pk: AttendanceSummary() for pk in ids}
    for pk, cohort_id, theory_hours, min_share, start in enrolments:
        so_far = total_hours(
            session
            for session in sessions[cohort_id]
            if not before_start(start=start, day=session.date) or session.pk in recorded[pk]
        )
        share = attendance_share(attended=attended[pk], scheduled=so_far)
        summaries[pk] = AttendanceSummary(
            attended_hours=attended[pk],
            scheduled_hours_so_far=so_far,
            excused_absences=excused[pk],
            unexcused_absences=unexcused[pk],
            absences_in_a_row=in_a_row[pk],
            alerts=_alerts(share=share, min_share=min_share, in_a_row=in_a_row[pk]),
            required_hours=theory_hours,
            min_attendance_share=min_share,
            attendance_share=share,
        )
    return summaries


@dataclass(frozen=True)
class GridRow:
    enrolment: Enrolment
    record: AttendanceRecord | None  # annotated with revision_count
    summary: AttendanceSummary
    # The session was held before the participant's start and they have no record of it:
    # shown as "ikke startet", not asked for (rules.before_start).
    not_started: bool = False
    started_on: dt.date | None = None  # the participant's start (rules.started_on)

    @property
    def on_leave(self) -> bool:
        return self.enrolment.status == Status.PERMISJON


@dataclass(frozen=True)
class SessionGrid:
    rows: list[GridRow]
    last_recorded: AttendanceRecord | None  # the most recent save, for "who and when"
    corrections: int  # how many earlier values have been replaced


def session_attendance_grid(*, session: Session, viewer: Any) -> SessionGrid:
    """Everyone who takes part in the session's cohort (and anyone already recorded for it),
    sorted by name, with their record and summary; someone who started after the session's
    day is marked `not_started`. Five queries (the start comes with the enrolments).
    Protected participants `viewer` is not named for are left out, records and corrections
    included."""
    records = {
        record.enrolment_id: record
        for record in AttendanceRecord.objects.filter(
            participants_visible_q(viewer, "enrolment__participant"), session=session
        )
        .select_related("recorded_by")
        .annotate(revision_count=Count("revisions"))
    }
    enrolments = (
        Enrolment.objects.filter(cohort_id=session.cohort_id)
        .filter(participants_visible_q(viewer))
        .filter(Q(status__in=GRID_STATUSES) | Q(pk__in=list(records)))
        .annotate(started_on=started_on())
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )
    enrolment_list = list(enrolments)
    summaries = attendance_summaries([e.pk for e in enrolment_list])
    rows = [
        GridRow(
            enrolment=e,
            record=records.get(e.pk),
            summary=summaries[e.pk],
            not_started=e.pk not in records and before_start(start=e.started_on, day=session.date),
            started_on=e.started_on,
        )
        for e in enrolment_list
    ]
    last = max(records.values(), key=lambda r: (r.recorded_at, r.pk), default=None)
    corrections = sum(getattr(r, "revision_count", 0) for r in records.values())
    return SessionGrid(rows=rows, last_recorded=last, corrections=corrections)


def recent_records(*, enrolment: Enrolment, limit: int = 10) -> list[AttendanceRecord]:
    """The latest records of one enrolment, newest first, with their session. One query."""
    return list(
        AttendanceRecord.objects.filter(enrolment=enrolment)
        .select_related("session")
        .order_by("-session__date", "-session__start_time", "-pk")[:limit]
    )
