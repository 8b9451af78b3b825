"""`manage.py load_demo` run against an empty database: idempotent, and right on any day.

Kept apart from test_load_demo.py, whose module-wide fixture keeps the demo loaded.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from brobygger.accounts.models import Membership, User
from brobygger.assessments.models import Submission
from brobygger.attendance.models import AttendanceRecord
from brobygger.completion.models import Completion
from brobygger.enrolments.models import Enrolment, Participant, Status, StatusChange
from brobygger.organisations.models import Organisation
from brobygger.placements.models import Placement, Timesheet, TimesheetStatus
from brobygger.programmes.models import Cohort, Programme, Session

MODELS = (
    Organisation, User, Membership, Programme, Cohort, Session, Participant, Enrolment,
    StatusChange, AttendanceRecord, Placement, Timesheet, Submission, Completion,
)  # fmt: skip


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def running_cohort() -> Cohort:
    today = timezone.localdate()
    return Cohort.objects.get(start_date__lte=today, end_date__gt=today)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_running_it_twice_changes_nothing() -> None:
    first = load()
    before = counts()
    second = load()

    assert "Demo data loaded" in first and "FULLFORT 62" in first
    assert second.strip() == "Demo data already loaded"
    assert counts() == before
    assert Programme.objects.filter(name="MB-utdanning Bergen").count() == 1


@pytest.mark.django_db
def test_it_refuses_when_a_demo_username_is_taken_and_writes_nothing() -> None:
    User.objects.create_user(username="admin", password="et-annet-langt-passord")
    before = counts()

    with pytest.raises(CommandError, match="admin"):
        load()

    assert counts() == before
    assert not Programme.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("today", ["2027-01-06", "2026-07-22"])
def test_it_loads_on_any_day_with_the_running_cohort_halfway(today: str) -> None:
    with time_machine.travel(dt.datetime.fromisoformat(f"{today}T12:00+01:00"), tick=False):
        load()
        cohort = running_cohort()
        day = timezone.localdate()

        assert cohort.start_date < day < cohort.end_date
        assert Cohort.objects.filter(end_date__lt=cohort.start_date).count() == 10
        assert Enrolment.objects.filter(status=Status.FULLFORT).count() == 62
        assert Timesheet.objects.filter(
            placement__enrolment__participant__user__username="deltaker",
            status=TimesheetStatus.SUBMITTED,
        ).exists()
