"""Reads for progress, the cohort overview, the participant page and "my progress".

Every function runs a fixed number of queries however many enrolments it covers: one per
summary kind (attendance, practice, assignment), plus the rows themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from brobygger.assessments.selectors import AssignmentState, assignment_states
from brobygger.attendance.selectors import AttendanceSummary, attendance_summaries
from brobygger.completion.models import Completion
from brobygger.completion.progress import Progress, build_progress
from brobygger.enrolments.access import (
    cohort_enrolments,
    enrolments_managed_by,
    own_enrolments,
    participants_visible_q,
)
from brobygger.enrolments.models import Enrolment, Status
from brobygger.enrolments.transitions import HOLDS_PLACE
from brobygger.placements.selectors import PracticeSummary, practice_summaries
from brobygger.programmes.models import Cohort, ProgrammeVersion

__all__ = [
    "OVERVIEW_STATUSES",
    "CohortOverview",
    "EnrolmentPage",
    "OverviewRow",
    "Progress",
    "cohort_overview",
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


def _versions_by_enrolment(enrolments: Sequence[Enrolment]) -> dict[int, ProgrammeVersion]:
    """Each enrolment's cohort version: from the select_related cache when the caller loaded
    it, otherwise in one query for all of them."""
    versions: dict[int, ProgrammeVersion] = {}
    missing_cohorts: set[int] = set()
    for enrolment in enrolments:
        cohort = enrolment._state.fields_cache.get("cohort")
        if cohort is not None and "version" in cohort._state.fields_cache:
            versions[enrolment.pk] = cohort.version
        else:
            missing_cohorts.add(enrolment.cohort_id)
    if missing_cohorts:
        by_cohort = {
            cohort.pk: cohort.version
            for cohort in Cohort.objects.filter(pk__in=missing_cohorts).select_related("version")
        }
        for enrolment in enrolments:
            versions.setdefault(enrolment.pk, by_cohort[enrolment.cohort_id])
    return versions


def progress_for(enrolments: Sequence[Enrolment]) -> dict[int, Progress]:
    """Progress toward completion per enrolment id, by the rules of each cohort's version."""
    enrolments = list(enrolments)
    if not enrolments:
        return {}
    ids = [enrolment.pk for enrolment in enrolments]
    versions = _versions_by_enrolment(enrolments)
    attendance = attendance_summaries(ids)
    practice = practice_summaries(ids)
    assignments = assignment_states(ids)
    return {
        pk: build_progress(
            enrolment_id=pk,
            version=versions[pk],
            attendance=attendance.get(pk, AttendanceSummary()),
            practice=practice.get(pk, PracticeSummary()),
            assignment=assignments.get(pk, AssignmentState()),
        )
        for pk in ids
    }


@dataclass(frozen=True)
class OverviewRow:
    enrolment: Enrolment
    progress: Progress


@dataclass(frozen=True)
class CohortOverview:
    rows: list[OverviewRow]
    status_counts: dict[str, int]  # every status in the cohort, not only the filtered one
    places_taken: int
    eligible_count: int  # among the shown rows with status DELTAR

    @property
    def count_items(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for the overview statuses present in the cohort."""
        return [
            (status, str(Status(status).label), self.status_counts[status])
            for status in OVERVIEW_STATUSES
            if self.status_counts.get(status)
        ]


def cohort_overview(*, cohort: Cohort, viewer: Any, status: str = "") -> CohortOverview:
    """Every enrolment in an overview status (or only `status`), with its progress. Protected
    participants `viewer` is not named for are left out of the rows and the per-status
    counts; places taken counts everyone, since the capacity is real."""
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
    return CohortOverview(
        rows=rows,
        status_counts=counts,
        places_taken=taken,
        eligible_count=sum(
            1 for row in rows if row.enrolment.status == Status.DELTAR and row.progress.eligible
        ),
    )


@dataclass(frozen=True)
class EnrolmentPage:
    enrolment: Enrolment
    progress: Progress
    completion: Completion | None
    is_manager: bool  # may see contact details and confirm completion


def enrolment_page(*, request: Any, enrolment: Enrolment) -> EnrolmentPage:
    """What the participant page shows itself; the status history and the other apps'
    sections come from their panels, which query on their own."""
    completion = (
        Completion.objects.filter(enrolment=enrolment)
        .select_related("confirmed_by", "version")
        .first()
    )
    return EnrolmentPage(
        enrolment=enrolment,
        progress=progress_for([enrolment])[enrolment.pk],
        completion=completion,
        is_manager=enrolments_managed_by(request).filter(pk=enrolment.pk).exists(),
    )


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
