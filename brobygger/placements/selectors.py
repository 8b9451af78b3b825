"""Reads, each in a fixed number of queries however many rows. The week rule is in rules.py."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from brobygger.placements.models import Evaluation, Placement, Timesheet, TimesheetStatus
from brobygger.placements.rules import WeekRow, placement_weeks, week_row

COUNTED_STATUSES = (TimesheetStatus.APPROVED, TimesheetStatus.SUBMITTED)


@dataclass(frozen=True)
class PracticeSummary:
    approved_weeks: int = 0  # weeks that count by the version's rule
    submitted_weeks: int = 0  # waiting for the supervisor
    has_placement: bool = False
    required_weeks: int = 0  # the version's practice_weeks (0 when there is no placement)
    # Mondays of the weeks that count, and of approved weeks with too few hours.
    counted_week_starts: tuple[dt.date, ...] = field(default_factory=tuple)
    short_week_starts: tuple[dt.date, ...] = field(default_factory=tuple)
    first_start: dt.date | None = None  # the earliest placement's start date (the plan's start)


def _rows_for(placement: Placement) -> list[WeekRow]:
    """Rows for the placement's prefetched timesheets only (no empty weeks)."""
    version = placement.enrolment.cohort.version
    percents = list(placement.percents.all())
    return [
        week_row(
            week_start=sheet.week_start,
            timesheet=sheet,
            percents=percents,
            tolerance=version.week_tolerance,
        )
        for sheet in placement.timesheets.all()
    ]


def practice_summaries(enrolment_ids: Iterable[int]) -> dict[int, PracticeSummary]:
    """One summary per enrolment id, in a fixed number of queries (three). A week counts by
    the rule in rules.py (percent × 37.5 h less 7.5 h per weekday holiday, × the cohort's
    version week_tolerance). A calendar week counts once even if two placements share it (one
    ends and the next starts mid-week)."""
    ids = list(enrolment_ids)
    if not ids:
        return {}
    placements = (
        Placement.objects.filter(enrolment_id__in=ids)
        .select_related("enrolment__cohort__version")
        .prefetch_related(
            "percents",
            Prefetch(
                "timesheets",
                queryset=Timesheet.objects.filter(status__in=COUNTED_STATUSES).only(
                    "id", "placement_id", "week_start", "status", "total_hours"
                ),
            ),
        )
    )
    counted: dict[int, set[dt.date]] = defaultdict(set)
    short: dict[int, set[dt.date]] = defaultdict(set)
    submitted: dict[int, set[dt.date]] = defaultdict(set)
    required: dict[int, int] = {}
    first_start: dict[int, dt.date] = {}
    for placement in placements:
        key = placement.enrolment_id
        required[key] = placement.enrolment.cohort.version.practice_weeks
        first_start[key] = min(first_start.get(key, placement.start_date), placement.start_date)
        for row in _rows_for(placement):
            if row.counts:
                counted[key].add(row.week_start)
            elif row.status == TimesheetStatus.APPROVED:
                short[key].add(row.week_start)
            elif row.status == TimesheetStatus.SUBMITTED:
                submitted[key].add(row.week_start)
    result: dict[int, PracticeSummary] = {}
    for pk in ids:
        if pk not in required:
            result[pk] = PracticeSummary()
            continue
        result[pk] = PracticeSummary(
            approved_weeks=len(counted[pk]),
            submitted_weeks=len(submitted[pk] - counted[pk]),
            has_placement=True,
            required_weeks=required[pk],
            counted_week_starts=tuple(sorted(counted[pk])),
            short_week_starts=tuple(sorted(short[pk] - counted[pk])),
            first_start=first_start[pk],
        )
    return result


def with_weeks(queryset: QuerySet[Placement]) -> QuerySet[Placement]:
    """Everything the weeks table needs, in three queries for any number of placements."""
    return queryset.select_related(
        "enrolment__participant", "enrolment__cohort__version", "host", "supervisor"
    ).prefetch_related(
        "percents", Prefetch("timesheets", queryset=Timesheet.objects.order_by("week_start"))
    )


@dataclass(frozen=True)
class PlacementWeeks:
    placement: Placement
    weeks: list[WeekRow]

    @property
    def counted_weeks(self) -> int:
        return sum(1 for week in self.weeks if week.counts)

    @property
    def waiting(self) -> list[WeekRow]:
        return [week for week in self.weeks if week.status == TimesheetStatus.SUBMITTED]

    @property
    def required_weeks(self) -> int:
        return self.placement.enrolment.cohort.version.practice_weeks


def weeks_of(placement: Placement, *, today: dt.date | None) -> PlacementWeeks:
    """The weeks table of a placement loaded through `with_weeks` (or with the same prefetches):
    every week up to this week (all weeks when today is None), plus any week with a timesheet."""
    return PlacementWeeks(
        placement=placement,
        weeks=placement_weeks(
            start=placement.start_date,
            end=placement.end_date,
            timesheets=placement.timesheets.all(),
            percents=list(placement.percents.all()),
            tolerance=placement.enrolment.cohort.version.week_tolerance,
            until=today,
        ),
    )


@dataclass(frozen=True)
class SupervisorOverview:
    placements: list[PlacementWeeks]
    waiting: list[tuple[Placement, WeekRow]]  # submitted timesheets, oldest week first


def supervisor_overview(placements: QuerySet[Placement], *, today: dt.date) -> SupervisorOverview:
    """The supervisor's placements (newest first) and the timesheets waiting for them."""
    rows = [
        weeks_of(placement, today=today)
        for placement in with_weeks(placements).order_by("-start_date", "pk")
    ]
    waiting = sorted(
        ((row.placement, week) for row in rows for week in row.waiting),
        key=lambda pair: (pair[1].week_start, pair[0].pk),
    )
    return SupervisorOverview(placements=rows, waiting=waiting)


@dataclass(frozen=True)
class EnrolmentPractice:
    """One enrolment's placements and its counted weeks (a calendar week counts once)."""

    enrolment_id: int
    required_weeks: int
    placements: list[PlacementWeeks]

    @property
    def counted_weeks(self) -> int:
        return len({w.week_start for p in self.placements for w in p.weeks if w.counts})


def practice_by_enrolment(
    placements: QuerySet[Placement], *, today: dt.date | None
) -> list[EnrolmentPractice]:
    """Placements grouped by enrolment, each with its weeks table; fixed queries."""
    grouped: dict[int, list[PlacementWeeks]] = defaultdict(list)
    required: dict[int, int] = {}
    for placement in with_weeks(placements).order_by("start_date", "pk"):
        grouped[placement.enrolment_id].append(weeks_of(placement, today=today))
        required[placement.enrolment_id] = placement.enrolment.cohort.version.practice_weeks
    return [
        EnrolmentPractice(enrolment_id=pk, required_weeks=required[pk], placements=rows)
        for pk, rows in grouped.items()
    ]


def evaluation_for(placement: Placement, kind: str) -> Evaluation | None:
    return Evaluation.objects.filter(placement=placement, kind=kind).first()


def timesheet_for_week(placement: Placement, week_start: dt.date) -> Timesheet | None:
    return (
        Timesheet.objects.filter(placement=placement, week_start=week_start)
        .prefetch_related("days")
        .first()
    )
