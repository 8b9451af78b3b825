"""Reads for progress, the cohort overview, the participant page and "my progress".

Every function runs a fixed number of queries however many enrolments it covers: one per
summary kind (attendance, practice, assignment), plus the rows themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count
from django.utils import timezone

from brobygger.assessments.selectors import AssignmentState, assignment_states
from brobygger.attendance.selectors import AttendanceSummary, attendance_summaries
from brobygger.completion.models import Completion, PendingCompletion
from brobygger.completion.progress import Progress, build_progress
from brobygger.completion.warnings import SEVERITY_RANK, ParticipantWarning, warnings_for
from brobygger.enrolments.access import (
    cohort_enrolments,
    enrolments_managed_by,
    own_enrolments,
    participants_visible_q,
)
from brobygger.enrolments.models import Enrolment, Status
from brobygger.enrolments.transitions import HOLDS_PLACE
from brobygger.placements.selectors import PracticeSummary, practice_summaries
from brobygger.programmes.models import Cohort

__all__ = [
    "OVERVIEW_STATUSES",
    "SORTS",
    "CohortOverview",
    "EnrolmentPage",
    "ExceptionRow",
    "OverviewRow",
    "Progress",
    "cohort_overview",
    "completion_exceptions",
    "enrolment_page",
    "my_enrolments",
    "progress_for",
]

# The statuses that have (or are about to have) progress worth showing.
OVERVIEW_STATUSES: tuple[str, ...] = (
    Status.DELTAR,
    Status.PERMISJON,
    Status.VENTER_PA_OPPSTART,
    Status.FULLFORT,
    Status.AVBRUTT,
)


def _cohorts_by_enrolment(enrolments: Sequence[Enrolment]) -> dict[int, Cohort]:
    """Each enrolment's cohort with its version: from the select_related cache when the caller
    loaded it, otherwise in one query for all of them."""
    cohorts: dict[int, Cohort] = {}
    missing_cohorts: set[int] = set()
    for enrolment in enrolments:
        cohort = enrolment._state.fields_cache.get("cohort")
        if cohort is not None and "version" in cohort._state.fields_cache:
            cohorts[enrolment.pk] = cohort
        else:
            missing_cohorts.add(enrolment.cohort_id)
    if missing_cohorts:
        by_id = {
            cohort.pk: cohort
            for cohort in Cohort.objects.filter(pk__in=missing_cohorts).select_related("version")
        }
        for enrolment in enrolments:
            cohorts.setdefault(enrolment.pk, by_id[enrolment.cohort_id])
    return cohorts


def progress_for(
    enrolments: Sequence[Enrolment], *, today: dt.date | None = None
) -> dict[int, Progress]:
    """Progress toward completion per enrolment id, by the rules of each cohort's version,
    with the warnings (completion.warnings) for those taking part."""
    enrolments = list(enrolments)
    if not enrolments:
        return {}
    today = today or timezone.localdate()
    ids = [enrolment.pk for enrolment in enrolments]
    cohorts = _cohorts_by_enrolment(enrolments)
    attendance = attendance_summaries(ids, today=today)
    practice = practice_summaries(ids)
    assignments = assignment_states(ids)
    result: dict[int, Progress] = {}
    for enrolment in enrolments:
        pk, cohort = enrolment.pk, cohorts[enrolment.pk]
        attended = attendance.get(pk, AttendanceSummary())
        practised = practice.get(pk, PracticeSummary())
        assignment = assignments.get(pk, AssignmentState())
        progress = build_progress(
            enrolment_id=pk,
            version=cohort.version,
            attendance=attended,
            practice=practised,
            assignment=assignment,
        )
        warnings = warnings_for(
            status=enrolment.status,
            version=cohort.version,
            deadline=cohort.end_date,
            attendance=attended,
            practice=practised,
            assignment=assignment,
            today=today,
        )
        result[pk] = replace(progress, warnings=warnings)
    return result


# How the overview may be sorted (the GET values, whitelisted by forms.OverviewFilterForm).
SORT_NAME = "navn"
SORT_WARNINGS = "varsler"
SORT_ATTENDANCE = "oppmote"
SORT_PRACTICE = "praksis"
SORTS: tuple[str, ...] = (SORT_NAME, SORT_WARNINGS, SORT_ATTENDANCE, SORT_PRACTICE)


@dataclass(frozen=True)
class OverviewRow:
    enrolment: Enrolment
    progress: Progress

    @property
    def warnings(self) -> tuple[ParticipantWarning, ...]:
        return self.progress.warnings


def _sorted(rows: list[OverviewRow], sort: str) -> list[OverviewRow]:
    """Rows (loaded by name) in the order asked for. sorted() is stable, so rows with equal
    keys keep the name order; an unknown sort leaves them by name."""
    if sort == SORT_WARNINGS:
        # Most warnings first; among equals, the ones with the more serious warnings first.
        return sorted(
            rows,
            key=lambda r: (-len(r.warnings), [SEVERITY_RANK[w.severity] for w in r.warnings]),
        )
    if sort == SORT_ATTENDANCE:
        # Lowest share of the hours held so far first; nobody scheduled yet last.
        return sorted(
            rows,
            key=lambda r: (r.progress.attendance_share is None, r.progress.attendance_share or 0),
        )
    if sort == SORT_PRACTICE:
        return sorted(rows, key=lambda r: r.progress.practice_weeks_approved)
    return rows


@dataclass(frozen=True)
class CohortOverview:
    rows: list[OverviewRow]
    status_counts: dict[str, int]  # every status in the cohort, not only the filtered one
    places_taken: int
    eligible_count: int  # among the shown rows with status DELTAR
    follow_up_count: int = 0  # rows of the chosen status with at least one warning

    @property
    def count_items(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for the overview statuses present in the cohort."""
        return [
            (status, str(Status(status).label), self.status_counts[status])
            for status in OVERVIEW_STATUSES
            if self.status_counts.get(status)
        ]


def cohort_overview(
    *,
    cohort: Cohort,
    viewer: Any,
    status: str = "",
    follow_up: bool = False,
    sort: str = SORT_NAME,
) -> CohortOverview:
    """Every enrolment in an overview status (or only `status`), with its progress and
    warnings; with `follow_up`, only those with at least one warning; ordered by `sort`.
    Protected participants `viewer` is not named for are left out of the rows and the
    per-status counts; places taken counts everyone, since the capacity is real. A fixed
    number of queries: the filter and the order are applied to the loaded rows."""
    count_rows = list(
        cohort.enrolments.order_by()
        .values_list("status")
        .annotate(n=Count("pk", filter=participants_visible_q(viewer)), total=Count("pk"))
        .values_list("status", "n", "total")
    )
    counts = {s: n for s, n, _total in count_rows}
    taken = sum(total for s, _n, total in count_rows if s in HOLDS_PLACE)
    statuses = [status] if status in OVERVIEW_STATUSES else list(OVERVIEW_STATUSES)
    enrolments = list(
        cohort_enrolments(viewer, cohort)
        .filter(status__in=statuses)
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )
    for enrolment in enrolments:
        enrolment.cohort = cohort  # already loaded with its version: no query per row
    progress = progress_for(enrolments)
    rows = [OverviewRow(enrolment=e, progress=progress[e.pk]) for e in enrolments]
    follow_up_count = sum(1 for row in rows if row.warnings)
    if follow_up:
        rows = [row for row in rows if row.warnings]
    rows = _sorted(rows, sort)
    return CohortOverview(
        rows=rows,
        status_counts=counts,
        places_taken=taken,
        eligible_count=sum(
            1 for row in rows if row.enrolment.status == Status.DELTAR and row.progress.eligible
        ),
        follow_up_count=follow_up_count,
    )


@dataclass(frozen=True)
class EnrolmentPage:
    enrolment: Enrolment
    progress: Progress
    completion: Completion | None
    is_manager: bool  # may see contact details and confirm completion
    # An exception waiting for a second coordinator (four-eyes approval).
    pending: PendingCompletion | None = None


def enrolment_page(*, request: Any, enrolment: Enrolment) -> EnrolmentPage:
    """What the participant page shows itself; the status history and the other apps'
    sections come from their panels, which query on their own."""
    completion = (
        Completion.objects.filter(enrolment=enrolment)
        .select_related("confirmed_by", "approved_by", "version")
        .first()
    )
    pending = (
        None
        if completion is not None
        else PendingCompletion.objects.filter(enrolment=enrolment)
        .select_related("confirmed_by", "version")
        .first()
    )
    return EnrolmentPage(
        enrolment=enrolment,
        progress=progress_for([enrolment])[enrolment.pk],
        completion=completion,
        is_manager=enrolments_managed_by(request).filter(pk=enrolment.pk).exists(),
        pending=pending,
    )


@dataclass(frozen=True)
class ExceptionRow:
    """One completion exception on the review list: approved, waiting, or needing none."""

    enrolment: Enrolment
    completed_on: dt.date
    reason: str
    confirmed_by: Any
    confirmed_at: dt.datetime
    pending: bool
    approved_by: Any = None
    approved_at: dt.datetime | None = None


def completion_exceptions(viewer: Any) -> list[ExceptionRow]:
    """Every completion exception in the programmes `viewer` manages (protected participants
    only for those named for them): the ones waiting for approval first, then the recorded
    ones, newest first within each. Two queries however many rows."""
    managed = enrolments_managed_by(viewer).values("pk")
    related = ("enrolment__participant", "enrolment__cohort__version__programme", "confirmed_by")
    pending = [
        ExceptionRow(
            enrolment=p.enrolment,
            completed_on=p.completed_on,
            reason=p.exception_reason,
            confirmed_by=p.confirmed_by,
            confirmed_at=p.confirmed_at,
            pending=True,
        )
        for p in PendingCompletion.objects.filter(enrolment__in=managed)
        .select_related(*related)
        .order_by("-confirmed_at", "-pk")
    ]
    recorded = [
        ExceptionRow(
            enrolment=c.enrolment,
            completed_on=c.completed_on,
            reason=c.exception_reason,
            confirmed_by=c.confirmed_by,
            confirmed_at=c.confirmed_at,
            pending=False,
            approved_by=c.approved_by,
            approved_at=c.approved_at,
        )
        for c in Completion.objects.filter(enrolment__in=managed)
        .exclude(exception_reason="")
        .select_related(*related, "approved_by")
        .order_by("-confirmed_at", "-pk")
    ]
    return pending + recorded


@dataclass(frozen=True)
class MyEnrolment:
    enrolment: Enrolment
    progress: Progress | None  # None before admission: nothing to measure yet
    completion: Completion | None


def my_enrolments(request: Any) -> list[MyEnrolment]:
    """The signed-in participant's own enrolments (not those registered in error)."""
    enrolments = list(
        own_enrolments(request)
        .exclude(status=Status.FEILREGISTRERT)
        .select_related("participant", "cohort__version__programme")
        .order_by("-cohort__start_date", "pk")
    )
    completions = {
        c.enrolment_id: c
        for c in Completion.objects.filter(enrolment__in=[e.pk for e in enrolments])
    }
    measured = [e for e in enrolments if e.status in OVERVIEW_STATUSES]
    progress = progress_for(measured)
    return [
        MyEnrolment(enrolment=e, progress=progress.get(e.pk), completion=completions.get(e.pk))
        for e in enrolments
    ]
