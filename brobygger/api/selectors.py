"""Reads for the API: the client behind a token, and what a client may see.

An API client acts for its organisation the way that organisation's coordinators do: the
apps' own access helpers answer, through `actor.client_scope` (programmes.access.
cohorts_managed_by: the cohorts of the organisation's programmes and of programmes it is a
partner in; enrolments.access.enrolments_managed_by: the enrolments in those). Protected
participants (skjermede) are never shown to a machine client: no ProtectedAccess grant names
its user. Everything else is empty (a list) or 404 (a detail): deny by default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, Prefetch, Q, QuerySet

from brobygger.api.actor import client_scope
from brobygger.api.models import ApiClient
from brobygger.assessments.models import Submission
from brobygger.attendance.models import AttendanceRecord
from brobygger.attendance.selectors import session_attendance_grid
from brobygger.completion.models import Completion
from brobygger.core.tokens import MAX_LENGTH, digest
from brobygger.employment.access import employments_for_staff
from brobygger.employment.models import Employment, EmploymentFunding, EmploymentPercent
from brobygger.enrolments.access import enrolments_managed_by
from brobygger.enrolments.models import Enrolment, Participant, StatusChange
from brobygger.followup.models import FollowUpOutcome
from brobygger.followup.selectors import completions_followed_by, employments_followed_by
from brobygger.organisations.models import Organisation
from brobygger.outcomes.selectors import Request, figures_for
from brobygger.placements.access import placements_managed_by
from brobygger.placements.models import Placement, PlacementPercent, Timesheet
from brobygger.programmes.access import cohorts_managed_by, programmes_managed_by
from brobygger.programmes.models import Cohort, Programme, ProgrammeVersion, Session

M = TypeVar("M", bound=Model)


def client_for_token(token: str) -> ApiClient | None:
    """The live client behind a bearer token, or None (unknown, revoked, or malformed)."""
    if not token or len(token) > MAX_LENGTH:
        return None
    return (
        ApiClient.objects.filter(token_hash=digest(token), revoked_at__isnull=True)
        .select_related("organisation", "user")
        .first()
    )


def organisation_clients(organisation: Organisation) -> QuerySet[ApiClient]:
    """An organisation's clients, live ones first, for the administrators' page: one query."""
    return (
        ApiClient.objects.filter(organisation=organisation)
        .select_related("created_by", "revoked_by")
        .order_by("revoked_at", "name", "id")
    )


# --- what a client may see -------------------------------------------------------------------


def client_organisations(client: ApiClient) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk=client.organisation_id).select_related("municipality")


def client_cohorts(client: ApiClient) -> QuerySet[Cohort]:
    return cohorts_managed_by(client_scope(client)).select_related("version__programme")


def client_enrolments(client: ApiClient) -> QuerySet[Enrolment]:
    return enrolments_managed_by(client_scope(client))


def client_participants(client: ApiClient) -> QuerySet[Participant]:
    return Participant.objects.filter(
        pk__in=client_enrolments(client).values("participant_id"), is_protected=False
    ).select_related("municipality")


@dataclass(frozen=True)
class EnrolmentFilters:
    status: str | None = None
    applied_from: dt.date | None = None
    applied_to: dt.date | None = None
    changed_since: dt.datetime | None = None


def enrolment_rows(client: ApiClient, filters: EnrolmentFilters) -> QuerySet[Enrolment]:
    """The client's enrolments with participant, cohort and status history: three queries
    whatever the page size (the rows, then the history prefetch)."""
    rows = client_enrolments(client).select_related("participant", "cohort")
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.applied_from:
        rows = rows.filter(applied_on__gte=filters.applied_from)
    if filters.applied_to:
        rows = rows.filter(applied_on__lte=filters.applied_to)
    if filters.changed_since:
        changed = StatusChange.objects.filter(created_at__gte=filters.changed_since)
        rows = rows.filter(
            Q(created_at__gte=filters.changed_since) | Q(pk__in=changed.values("enrolment_id"))
        )
    return rows.prefetch_related(
        Prefetch("history", queryset=StatusChange.objects.order_by("valid_from", "id"))
    ).order_by("id")


# --- the other resources: each the coordinator's web rule, through client_scope -------------


@dataclass(frozen=True)
class Window:
    """Date filters: `start`/`end` on the resource's own date, `changed_since` on when it
    was registered or last changed (where the rows keep that)."""

    start: dt.date | None = None
    end: dt.date | None = None
    changed_since: dt.datetime | None = None

    def on(self, rows: QuerySet[M], field: str) -> QuerySet[M]:
        if self.start:
            rows = rows.filter(**{f"{field}__gte": self.start})
        if self.end:
            rows = rows.filter(**{f"{field}__lte": self.end})
        return rows


def client_programmes(client: ApiClient) -> QuerySet[Programme]:
    """Programmes with their versions and partners: three queries a page."""
    return programmes_managed_by(client_scope(client)).prefetch_related(
        Prefetch("versions", queryset=ProgrammeVersion.objects.order_by("id")),
        Prefetch("partners", queryset=Organisation.objects.only("id")),
    )


def client_sessions(
    client: ApiClient, window: Window, *, cohort_id: int | None = None, status: str | None = None
) -> QuerySet[Session]:
    rows = Session.objects.filter(cohort__in=client_cohorts(client).values("pk"))
    if cohort_id:
        rows = rows.filter(cohort_id=cohort_id)
    if status:
        rows = rows.filter(status=status)
    return window.on(rows, "date")


def client_session(client: ApiClient, pk: int) -> Session | None:
    return (
        client_sessions(client, Window())
        .select_related("cohort__version__programme__organisation")
        .filter(pk=pk)
        .first()
    )


def session_rows(client: ApiClient, session: Session) -> list[tuple[Enrolment, Any]]:
    """(enrolment, record or None) for everyone on the session's attendance grid, as the
    teacher's page has them (attendance.selectors.session_attendance_grid)."""
    grid = session_attendance_grid(session=session, viewer=client_scope(client))
    return [(row.enrolment, row.record) for row in grid.rows]


def client_attendance(
    client: ApiClient,
    window: Window,
    *,
    cohort_id: int | None = None,
    session_id: int | None = None,
    status: str | None = None,
) -> QuerySet[AttendanceRecord]:
    rows = AttendanceRecord.objects.filter(
        enrolment__in=client_enrolments(client).values("pk")
    ).select_related("enrolment__participant", "session")
    if cohort_id:
        rows = rows.filter(session__cohort_id=cohort_id)
    if session_id:
        rows = rows.filter(session_id=session_id)
    if status:
        rows = rows.filter(status=status)
    if window.changed_since:
        rows = rows.filter(recorded_at__gte=window.changed_since)
    return window.on(rows, "session__date")


def client_placements(client: ApiClient, window: Window) -> QuerySet[Placement]:
    rows = placements_managed_by(client_scope(client)).select_related(
        "enrolment__participant", "host"
    )
    if window.changed_since:
        rows = rows.filter(created_at__gte=window.changed_since)
    return window.on(rows, "start_date").prefetch_related(
        Prefetch("percents", queryset=PlacementPercent.objects.order_by("valid_from", "id"))
    )


def client_timesheets(
    client: ApiClient, window: Window, *, placement_id: int | None = None, status: str | None
) -> QuerySet[Timesheet]:
    rows = Timesheet.objects.filter(
        placement__in=placements_managed_by(client_scope(client)).values("pk")
    ).select_related("placement__enrolment__participant")
    if placement_id:
        rows = rows.filter(placement_id=placement_id)
    if status:
        rows = rows.filter(status=status)
    if window.changed_since:
        rows = rows.filter(
            Q(submitted_at__gte=window.changed_since) | Q(decided_at__gte=window.changed_since)
        )
    return window.on(rows, "week_start")


def client_assessments(client: ApiClient, window: Window) -> QuerySet[Submission]:
    """Submissions (metadata only: never the file) with their assessment, if any."""
    rows = Submission.objects.filter(
        enrolment__in=client_enrolments(client).values("pk")
    ).select_related("enrolment__participant", "assessment")
    if window.changed_since:
        rows = rows.filter(
            Q(submitted_at__gte=window.changed_since)
            | Q(assessment__assessed_at__gte=window.changed_since)
        )
    return window.on(rows, "submitted_at__date")


def client_completions(client: ApiClient, window: Window) -> QuerySet[Completion]:
    rows = Completion.objects.filter(
        enrolment__in=client_enrolments(client).values("pk")
    ).select_related("enrolment__participant")
    if window.changed_since:
        rows = rows.filter(confirmed_at__gte=window.changed_since)
    return window.on(rows, "completed_on")


def client_employments(client: ApiClient, window: Window) -> QuerySet[Employment]:
    """Employment records with their position percent and funding periods (the benefit is
    left out: no system around Brobygger has a work need for it)."""
    rows = employments_for_staff(client_scope(client)).select_related("participant", "employer")
    if window.changed_since:
        rows = rows.filter(created_at__gte=window.changed_since)
    return window.on(rows, "start_date").prefetch_related(
        Prefetch("percents", queryset=EmploymentPercent.objects.order_by("valid_from", "id")),
        Prefetch("funding", queryset=EmploymentFunding.objects.order_by("valid_from", "id")),
    )


def client_followups(client: ApiClient, window: Window) -> QuerySet[FollowUpOutcome]:
    """Follow-up answers about the completions and employments the coordinator follows up
    (followup.selectors)."""
    scope = client_scope(client)
    rows = FollowUpOutcome.objects.filter(
        Q(completion__in=completions_followed_by(scope).values("pk"))
        | Q(employment__in=employments_followed_by(scope).values("pk"))
    ).select_related("participant")
    if window.changed_since:
        rows = rows.filter(recorded_at__gte=window.changed_since)
    return window.on(rows, "answered_on")


def client_outcomes(client: ApiClient, data: dict[str, Any], *, today: dt.date) -> Request:
    """The outcome figures for the client's scope, exactly as the results page computes them
    for its coordinators (outcomes.selectors.figures_for: same scope, filters, suppression)."""
    return figures_for(client_scope(client), data, today=today)
