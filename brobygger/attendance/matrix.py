"""Reads for the cohort attendance matrix: participants × sessions for a term, in three queries
(sessions, records, enrolments) whatever its size.

The term is a half-year, as the programme is taught: spring (1 January – 30 June) and autumn
(1 July – 31 December). The default is the term holding today, or, for a cohort that has ended
or not begun, the term holding its last or first day, so a finished cohort opens on its last
term and not on an empty page. Fixed terms (not "the last three months") keep a link meaning
the same tomorrow, and a term is what a teacher catches up on or corrects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import Q

from brobygger.attendance.models import AttendanceRecord
from brobygger.attendance.rules import GRID_STATUSES, attendance_closed_reason, started_on
from brobygger.attendance.services import attendance_token
from brobygger.enrolments.access import participants_visible_q
from brobygger.enrolments.models import Enrolment
from brobygger.programmes.models import Cohort, Session

# The longest range the matrix shows (one programme year), so a page stays one page.
MAX_DAYS = 366


def term_for(day: dt.date) -> tuple[dt.date, dt.date]:
    """The half-year term holding `day`."""
    if day.month <= 6:
        return dt.date(day.year, 1, 1), dt.date(day.year, 6, 30)
    return dt.date(day.year, 7, 1), dt.date(day.year, 12, 31)


def default_term(*, cohort: Cohort, today: dt.date) -> tuple[dt.date, dt.date]:
    """The term holding today, moved inside the cohort's dates."""
    return term_for(min(max(today, cohort.start_date), cohort.end_date))


@dataclass(frozen=True)
class MatrixRow:
    enrolment: Enrolment
    takes_part: bool  # taking part now (or on leave): may be recorded in open sessions
    # The participant's start (rules.started_on): a session before it is "ikke startet".
    started_on: dt.date | None = None


@dataclass(frozen=True)
class AttendanceMatrix:
    cohort: Cohort
    start: dt.date
    end: dt.date
    sessions: list[Session]
    rows: list[MatrixRow]
    records: dict[tuple[int, int], AttendanceRecord]  # (session pk, enrolment pk)
    closed: dict[int, str | None]  # session pk -> why it cannot be recorded now

    def record(self, session: Session, enrolment: Enrolment) -> AttendanceRecord | None:
        return self.records.get((session.pk, enrolment.pk))

    def session_rows(self, session: Session) -> list[tuple[Enrolment, AttendanceRecord | None]]:
        """Every participant on the matrix with their record of `session` (for its token)."""
        return [(row.enrolment, self.record(session, row.enrolment)) for row in self.rows]


def cohort_attendance_matrix(
    *, cohort: Cohort, start: dt.date, end: dt.date, viewer: Any, today: dt.date
) -> AttendanceMatrix:
    """The cohort's sessions from `start` to `end` and everyone who takes part in the cohort
    (or has a record in one of those sessions), sorted by name, each with their start (a
    session before it is not theirs). Protected participants the
    viewer is not named for are left out, records included. Three queries; `cohort` comes
    with its version, programme and organisation (programmes.access.cohort_for_user)."""
    sessions = list(
        Session.objects.filter(cohort=cohort, date__gte=start, date__lte=end).order_by(
            "date", "start_time", "pk"
        )
    )
    for session in sessions:
        session.cohort = cohort  # the service reads the organisation through it
    records = {
        (record.session_id, record.enrolment_id): record
        for record in AttendanceRecord.objects.filter(
            participants_visible_q(viewer, "enrolment__participant"),
            session__in=[s.pk for s in sessions],
        )
    }
    recorded = {enrolment_id for _session_id, enrolment_id in records}
    enrolments = (
        Enrolment.objects.filter(cohort=cohort)
        .filter(participants_visible_q(viewer))
        .filter(Q(status__in=GRID_STATUSES) | Q(pk__in=list(recorded)))
        .annotate(started_on=started_on())
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )
    rows = [
        MatrixRow(enrolment=e, takes_part=e.status in GRID_STATUSES, started_on=e.started_on)
        for e in enrolments
    ]
    return AttendanceMatrix(
        cohort=cohort,
        start=start,
        end=end,
        sessions=sessions,
        rows=rows,
        records=records,
        closed={s.pk: attendance_closed_reason(session=s, today=today) for s in sessions},
    )


_TOKEN_SALT = "brobygger.attendance.matrix"
_BAD_TOKEN = "-"  # refused by check_unchanged as a token it cannot read


def matrix_token(matrix: AttendanceMatrix) -> str:
    """One token over the matrix's records: the grid's token (attendance_token, ADR 0014) for
    each session that can be recorded, signed together."""
    tokens = {
        str(session.pk): attendance_token(session=session, rows=matrix.session_rows(session))
        for session in matrix.sessions
        if matrix.closed[session.pk] is None
    }
    return signing.dumps(tokens, salt=_TOKEN_SALT, compress=True)


def session_tokens(token: str | None, matrix: AttendanceMatrix) -> dict[int, str | None]:
    """The per-session tokens of a matrix token, for the service. No token is no check (as on
    the grid); a token that cannot be read is refused by the service for every session."""
    if not token:
        return {}
    try:
        tokens = signing.loads(token, salt=_TOKEN_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        tokens = None
    if not isinstance(tokens, dict):
        return {session.pk: _BAD_TOKEN for session in matrix.sessions}
    return {session.pk: tokens.get(str(session.pk), _BAD_TOKEN) for session in matrix.sessions}
