"""Pure rules shared by the form (to show a message next to the row) and the service (which
enforces them again, so nothing bypasses them)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Min, Q
from django.utils.translation import gettext as _

from brobygger.attendance.models import AttendanceStatus
from brobygger.core.formatting import format_day, format_hours
from brobygger.enrolments.models import Status
from brobygger.programmes.models import Session, SessionStatus

# Enrolments listed in a session's grid (on leave is shown, defaulting to excused absence).
GRID_STATUSES = (Status.DELTAR, Status.PERMISJON)
ABSENT = (AttendanceStatus.EXCUSED, AttendanceStatus.UNEXCUSED)
MAX_HOURS = Decimal("24")


def started_on() -> Min:
    """The participant's start: the day their first "deltar" (DELTAR) status became valid
    (StatusChange.valid_from, which may be set back in time), as an annotation on an Enrolment
    queryset, so it comes in the query that fetches the enrolments. None: never taken part."""
    return Min("history__valid_from", filter=Q(history__status=Status.DELTAR))


def before_start(*, start: dt.date | None, day: dt.date) -> bool:
    """Whether a session on `day` was held before the participant's start: it is not theirs.
    It does not count in their share or their scheduled hours, and the grid does not ask for
    them (unless they were recorded for it anyway, history registered late)."""
    return start is not None and day < start


def not_started_message(*, name: str, start: dt.date | None) -> str:
    """Why someone cannot be recorded for a session held before their start."""
    return _(
        "%(name)s startet %(start)s, etter denne økten, og det føres ikke oppmøte for vedkommende."
    ) % {
        "name": name,
        "start": format_day(start) if start else "",
    }


def attendance_share(*, attended: Decimal, scheduled: Decimal) -> Decimal | None:
    """Attended / scheduled so far (0..1+); None while nothing has been scheduled."""
    return attended / scheduled if scheduled > 0 else None


def meets_share_rule(*, share: Decimal | None, min_share: Decimal | None) -> bool | None:
    """Whether the share meets the version's rule; None when the version has none. Nothing
    scheduled yet (no share) means nothing has been missed."""
    if min_share is None:
        return None
    return share is None or share >= min_share


def attendance_closed_reason(*, session: Session, today: dt.date) -> str | None:
    """Why attendance cannot be recorded for this session now, or None when it can."""
    if session.status == SessionStatus.CANCELLED:
        return _("Økten er avlyst. Det registreres ikke oppmøte for avlyste økter.")
    if session.date > today:
        # Recording ahead of time invites guesses that are never corrected; refuse until the day.
        return _("Du kan ikke registrere oppmøte før økten har vært.")
    return None


def hours_error(*, status: str, hours: Decimal | None, session: Session) -> str | None:
    """The Norwegian message for hours that do not fit the status, or None when they fit."""
    if status != AttendanceStatus.PARTIAL:
        return None
    if hours is None:
        return _("Skriv inn hvor mange timer deltakeren var til stede.")
    if not hours.is_finite():
        return _("Skriv timer som et tall, for eksempel 1,5.")
    if hours < 0:
        return _("Timer kan ikke være negative.")
    if hours > MAX_HOURS:
        return _("Timer kan ikke være mer enn 24.")
    if hours == 0:
        return _("Delvis oppmøte må være mer enn 0 timer. Velg fravær hvis deltakeren ikke kom.")
    if hours >= session.hours:
        return _(
            "Delvis oppmøte må være mindre enn øktens %(hours)s timer. "
            "Velg «Til stede» for hele økten."
        ) % {"hours": format_hours(session.hours)}
    if hours != hours.quantize(Decimal("0.01")):
        return _("Bruk høyst to desimaler.")
    return None
