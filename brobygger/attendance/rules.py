"""Pure rules shared by the form (to show a message next to the row) and the service (which
enforces them again, so nothing bypasses them)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _

from brobygger.attendance.models import AttendanceStatus
from brobygger.core.formatting import format_number
from brobygger.enrolments.models import Status
from brobygger.programmes.models import Session, SessionStatus

# Enrolments listed in a session's grid (on leave is shown, defaulting to excused absence).
GRID_STATUSES = (Status.DELTAR, Status.PERMISJON)
ABSENT = (AttendanceStatus.EXCUSED, AttendanceStatus.UNEXCUSED)
MAX_HOURS = Decimal("24")


def format_hours(value: Decimal) -> str:
    return format_number(value)


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
