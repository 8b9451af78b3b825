"""Build the synthetic Bergen history: `load_demo(today=...)` inside one transaction."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction
from django.db.models import DateTimeField, OuterRef, Subquery
from django.db.models.functions import Cast

from brobygger.accounts.models import User
from brobygger.assessments.models import Submission
from brobygger.attendance.models import AttendanceRecord
from brobygger.completion.models import Completion
from brobygger.demo.builder.contacts import build_contacts
from brobygger.demo.builder.context import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    OTHER_SUPERVISOR_USERNAMES,
    PROGRAMME_NAME,
    build_context,
)
from brobygger.demo.builder.employment import build_employment
from brobygger.demo.builder.history import build_finished
from brobygger.demo.builder.notifications import build_notifications
from brobygger.demo.builder.running import build_running
from brobygger.enrolments.models import Enrolment, Participant, StatusChange
from brobygger.placements.models import Placement, Timesheet
from brobygger.programmes.models import Programme, Session

__all__ = [
    "DEMO_LOGINS",
    "DemoConflict",
    "DEMO_PASSWORD",
    "PROGRAMME_NAME",
    "demo_loaded",
    "load_demo",
    "summary",
]


class DemoConflict(Exception):
    """The database has some of the demo's usernames but not the demo programme."""


def demo_loaded() -> bool:
    return Programme.objects.filter(name=PROGRAMME_NAME).exists()


@transaction.atomic
def load_demo(*, today: dt.date) -> bool:
    """Load the demo unless it is there already. Returns whether anything was written."""
    if demo_loaded():
        return False
    usernames = [*DEMO_LOGINS, *OTHER_SUPERVISOR_USERNAMES]
    taken = sorted(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    if taken:
        raise DemoConflict(", ".join(taken))
    demo = build_context(today)
    build_finished(demo)
    build_running(demo)
    build_employment(demo)
    build_contacts(demo)
    _backdate()
    build_notifications(demo)  # last: reminders are derived from everything above
    return True


def _backdate() -> None:
    """auto_now_add stamped every row with today; give them the day they would have had."""
    as_time = DateTimeField()
    StatusChange.objects.update(created_at=Cast("valid_from", as_time))
    Enrolment.objects.update(created_at=Cast("applied_on", as_time))
    first_application = (
        Enrolment.objects.filter(participant=OuterRef("pk"))
        .order_by("applied_on")
        .values("applied_on")
    )
    Participant.objects.update(created_at=Cast(Subquery(first_application[:1]), as_time))


def summary() -> list[str]:
    """Short lines for the command's output."""
    statuses = Counter(Enrolment.objects.values_list("status", flat=True))
    return [
        "Deltakelser per status: "
        + ", ".join(f"{status} {count}" for status, count in sorted(statuses.items())),
        f"Kull: {Enrolment.objects.values('cohort').distinct().count()}, "
        f"undervisningsøkter: {Session.objects.count()}, "
        f"oppmøteregistreringer: {AttendanceRecord.objects.count()}",
        f"Praksisplasser: {Placement.objects.count()}, timelister: {Timesheet.objects.count()}, "
        f"innleveringer: {Submission.objects.count()}, fullføringer: {Completion.objects.count()}",
    ]
