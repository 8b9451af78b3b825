"""Reads for programmes, cohorts and sessions, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from brobygger.accounts.models import Role, User, active_membership_q
from brobygger.organisations.models import Organisation
from brobygger.programmes.access import (
    cohorts_managed_by,
    cohorts_taught_by,
    programmes_managed_by,
)
from brobygger.programmes.models import (
    Cohort,
    Programme,
    ProgrammeVersion,
    Session,
    SessionStatus,
    session_hours,
)
from brobygger.programmes.places import place_counter


@dataclass(frozen=True)
class PlannedSession:
    pk: int
    cohort_id: int
    date: dt.date
    hours: Decimal


def planned_sessions_by_cohort(
    cohort_ids: Iterable[int], up_to: dt.date | None = None
) -> dict[int, list[PlannedSession]]:
    """The planned (not cancelled) sessions per cohort, up to and including `up_to` if given,
    in date order. One query; the hours are computed here (session_hours) because time
    arithmetic differs between databases."""
    ids = list(cohort_ids)
    found: dict[int, list[PlannedSession]] = {pk: [] for pk in ids}
    rows = Session.objects.filter(cohort_id__in=ids, status=SessionStatus.PLANNED)
    if up_to is not None:
        rows = rows.filter(date__lte=up_to)
    for pk, cohort_id, date, start, end in rows.order_by("date", "start_time", "pk").values_list(
        "pk", "cohort_id", "date", "start_time", "end_time"
    ):
        found[cohort_id].append(
            PlannedSession(pk, cohort_id, date, session_hours(date, start, end))
        )
    return found


def total_hours(sessions: Iterable[PlannedSession | Session]) -> Decimal:
    return sum((session.hours for session in sessions), Decimal("0"))


def scheduled_hours_by_cohort(
    cohort_ids: Iterable[int], up_to: dt.date | None = None
) -> dict[int, Decimal]:
    """Planned (not cancelled) hours per cohort, up to and including `up_to` if given. One
    query. (The attendance share counts a participant's hours from their start:
    attendance.selectors.attendance_summaries, on the same planned sessions.)"""
    return {
        pk: total_hours(sessions)
        for pk, sessions in planned_sessions_by_cohort(cohort_ids, up_to).items()
    }


def scheduled_hours(cohort: Cohort, up_to: dt.date | None = None) -> Decimal:
    """Planned (not cancelled) hours of a cohort, up to and including `up_to` if given."""
    return scheduled_hours_by_cohort([cohort.pk], up_to)[cohort.pk]


def programmes_with_versions(user_or_request: Any, *, today: dt.date) -> list[Programme]:
    """Programmes the user manages; each version carries `cohort_count` and
    `started_cohort_count` (a version with started cohorts is frozen). Two queries."""
    versions = ProgrammeVersion.objects.annotate(
        cohort_count=Count("cohorts"),
        started_cohort_count=Count("cohorts", filter=Q(cohorts__start_date__lte=today)),
    ).order_by("-created_at", "-pk")
    return list(
        Programme.objects.filter(pk__in=programmes_managed_by(user_or_request).values("pk"))
        .select_related("organisation")
        .prefetch_related(Prefetch("versions", queryset=versions))
        .order_by("name", "pk")
    )


def latest_version(programme: Programme) -> ProgrammeVersion | None:
    return programme.versions.order_by("-created_at", "-pk").first()


def version_is_frozen(version: ProgrammeVersion, *, today: dt.date) -> bool:
    """A version is frozen once a cohort on it has started: its rules must not change."""
    return version.cohorts.filter(start_date__lte=today).exists()


def versions_managed_by(user_or_request: Any) -> QuerySet[ProgrammeVersion]:
    return ProgrammeVersion.objects.filter(
        programme__in=programmes_managed_by(user_or_request).values("pk")
    ).select_related("programme")


def cohorts_for_list(user_or_request: Any) -> QuerySet[Cohort]:
    """Cohorts the coordinator manages, newest first, with `places_taken` and `awaiting`
    counted in the database. Scoped through a subquery so the scope's joins cannot inflate the
    counts."""
    cohorts = Cohort.objects.filter(
        pk__in=cohorts_managed_by(user_or_request).values("pk")
    ).select_related("version__programme")
    return place_counter().annotate(cohorts).order_by("-start_date", "name", "pk")


def places_taken(cohort: Cohort) -> int:
    return place_counter().taken(cohort)


def _staff_in(programmes: QuerySet[Programme], role: str) -> QuerySet[User]:
    orgs = Organisation.objects.filter(
        Q(programmes__in=programmes.values("pk"))
        | Q(partner_programmes__in=programmes.values("pk"))
    ).values("pk")
    # One filter() call so role, organisation and "not ended" are tested on the same
    # membership row.
    return (
        User.objects.filter(
            active_membership_q(prefix="memberships__"),
            memberships__role=role,
            memberships__organisation__in=orgs,
        )
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def staff_choices(user_or_request: Any, role: str) -> QuerySet[User]:
    """Users holding `role` in an organisation that owns or partners a programme the user
    manages: whom a coordinator may name on a cohort."""
    return _staff_in(programmes_managed_by(user_or_request), role)


def programme_staff(programme: Programme, role: str) -> QuerySet[User]:
    """Users holding `role` in the programme's owner or partner organisations."""
    return _staff_in(Programme.objects.filter(pk=programme.pk), role)


def coordinator_choices(user_or_request: Any) -> QuerySet[User]:
    return staff_choices(user_or_request, Role.COORDINATOR)


def teacher_choices(user_or_request: Any) -> QuerySet[User]:
    return staff_choices(user_or_request, Role.TEACHER)


@dataclass(frozen=True)
class CohortSessions:
    cohort: Cohort
    sessions: list[Session]
    scheduled_hours: Decimal  # planned sessions only
    cancelled_count: int

    @property
    def theory_hours(self) -> Decimal:
        return self.cohort.version.theory_hours

    @property
    def missing_hours(self) -> Decimal:
        return max(self.theory_hours - self.scheduled_hours, Decimal("0"))


def cohort_sessions(cohort: Cohort) -> CohortSessions:
    """All sessions of a cohort in date order, with the planned hours. One query (the cohort
    comes with its version from cohort_for_user)."""
    sessions = list(
        Session.objects.filter(cohort=cohort)
        .select_related("teacher")
        .order_by("date", "start_time", "pk")
    )
    planned = [s for s in sessions if s.status == SessionStatus.PLANNED]
    return CohortSessions(
        cohort=cohort,
        sessions=sessions,
        scheduled_hours=total_hours(planned),
        cancelled_count=len(sessions) - len(planned),
    )


def is_managed_by(user_or_request: Any, cohort: Cohort) -> bool:
    return cohorts_managed_by(user_or_request).filter(pk=cohort.pk).exists()


@dataclass(frozen=True)
class TeacherSessions:
    upcoming: list[Session]
    past: list[Session]


def teacher_sessions(
    user_or_request: Any, *, today: dt.date, upcoming: int = 20, past: int = 10
) -> TeacherSessions:
    """Sessions of the cohorts the teacher teaches: the next `upcoming` from today and the
    latest `past` before today (most recent first). Two queries."""
    base = Session.objects.filter(
        cohort__in=cohorts_taught_by(user_or_request).values("pk")
    ).select_related("cohort", "teacher")
    return TeacherSessions(
        upcoming=list(base.filter(date__gte=today).order_by("date", "start_time", "pk")[:upcoming]),
        past=list(base.filter(date__lt=today).order_by("-date", "-start_time", "-pk")[:past]),
    )


def teacher_cohorts(user_or_request: Any) -> list[Cohort]:
    """The cohorts the teacher teaches, newest first, each with `session_count`. One query."""
    return list(
        Cohort.objects.filter(pk__in=cohorts_taught_by(user_or_request).values("pk"))
        .annotate(session_count=Count("sessions"))
        .order_by("-start_date", "name", "pk")
    )


def teacher_session_list(
    user_or_request: Any,
    *,
    cohort_id: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[Session]:
    """Every session of the cohorts the teacher teaches, in date order, optionally of one
    cohort and between two dates (both included). Lazy: the caller pages it."""
    sessions = Session.objects.filter(
        cohort__in=cohorts_taught_by(user_or_request).values("pk")
    ).select_related("cohort", "teacher")
    if cohort_id is not None:
        sessions = sessions.filter(cohort_id=cohort_id)
    if start is not None:
        sessions = sessions.filter(date__gte=start)
    if end is not None:
        sessions = sessions.filter(date__lte=end)
    return sessions.order_by("date", "start_time", "pk")
