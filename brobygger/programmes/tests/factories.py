"""Test helpers for the programmes app (synthetic people only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine

from brobygger.accounts.models import Role, User
from brobygger.programmes.models import Cohort, ProgrammeVersion, Session
from brobygger.testing import make_cohort, make_session, make_user

# The personas' cohort runs 17.08.2026-21.06.2027.
BEFORE_START = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
DURING = dt.datetime(2026, 10, 1, 12, 0, tzinfo=dt.UTC)

HX = {"HTTP_HX_REQUEST": "true"}


def frozen(when: dt.datetime) -> Any:
    return time_machine.travel(when, tick=False)


def login(client: Any, user: User) -> Any:
    client.force_login(user)
    return client


def make_teacher(org: Any, first_name: str = "Tor") -> User:
    return make_user(role=Role.TEACHER, org=org, first_name=first_name)


def make_cohorts(version: ProgrammeVersion, n: int, **kwargs: Any) -> list[Cohort]:
    return [make_cohort(version, **kwargs) for _ in range(n)]


def make_sessions(
    cohort: Cohort, n: int, *, first: dt.date | None = None, **kwargs: Any
) -> list[Session]:
    start = first or cohort.start_date
    return [make_session(cohort, date=start + dt.timedelta(days=i), **kwargs) for i in range(n)]


def version_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "name": "2027",
        "theory_hours": "180",
        "min_attendance_share": "80",
        "practice_weeks": "20",
        "placement_percent": "50",
        "week_tolerance": "90",
        "assignment_required": "on",
        "nominal_months": "12",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def cohort_edit_post(personas: Any, **overrides: Any) -> dict[str, Any]:
    """The cohort edit form as it comes loaded for `personas.cohort`, with `overrides`."""
    cohort = personas.cohort
    data = {
        "name": cohort.name,
        "version": cohort.version_id,
        "start_date": cohort.start_date.isoformat(),
        "end_date": cohort.end_date.isoformat(),
        "capacity": str(cohort.capacity),
        "place": cohort.place,
        "coordinators": [personas.coordinator.pk],
        "teachers": [personas.teacher.pk],
    }
    data.update(overrides)
    return data
