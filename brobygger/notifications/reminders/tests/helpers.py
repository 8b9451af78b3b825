"""Helpers for the reminder tests (synthetic people only)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from brobygger.accounts.models import Membership
from brobygger.attendance.models import AttendanceRecord, AttendanceStatus
from brobygger.completion.models import Completion
from brobygger.enrolments.models import Enrolment
from brobygger.notifications.reminders import Reminder, reminders_for_day
from brobygger.programmes.models import Session


def of_kind(kind: str, today: dt.date) -> list[Reminder]:
    return [r for r in reminders_for_day(today) if r.kind == kind]


def for_user(reminders: list[Reminder], user: Any) -> list[Reminder]:
    return [r for r in reminders if r.recipient_id == user.pk]


def end_memberships(user: Any, on: dt.date) -> None:
    """The user loses every role from `on` (as organisations.services would record it)."""
    Membership.objects.filter(user=user).update(ends_on=on)


def record(session: Session, enrolment: Enrolment, status: str, *, by: Any) -> AttendanceRecord:
    hours = session.hours if status == AttendanceStatus.PRESENT else Decimal("0")
    return AttendanceRecord.objects.create(
        session=session,
        enrolment=enrolment,
        status=status,
        hours=hours,
        recorded_by=by,
        recorded_at=timezone.now(),
    )


def complete(enrolment: Enrolment, *, on: dt.date, by: Any) -> Completion:
    return Completion.objects.create(
        enrolment=enrolment,
        completed_on=on,
        confirmed_by=by,
        confirmed_at=timezone.now(),
        theory_hours=Decimal("180"),
        practice_weeks=20,
        assignment_approved=True,
        version=enrolment.cohort.version,
    )
