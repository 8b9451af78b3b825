"""Reads for employment records. Staff rows carry the benefit; employer rows are built from
`access.employments_of_employer`, which never loads it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from brobygger.employment.models import (
    Benefit,
    Employment,
    EmploymentBenefit,
    EmploymentFunding,
    EmploymentPercent,
)


@dataclass
class EmploymentRow:
    employment: Employment
    percents: list[EmploymentPercent]
    funding: list[EmploymentFunding]
    percent_now: int | None
    funding_now: list[EmploymentFunding]
    # Staff rows only: the benefit period(s) in force now, as text ("" on employer rows).
    benefit_now: str = ""


def percent_on(percents: list[EmploymentPercent], day: dt.date) -> int | None:
    """The percent in force on `day`: the latest row starting on or before it."""
    current = None
    for row in sorted(percents, key=lambda r: r.valid_from):
        if row.valid_from <= day:
            current = row.percent
    return current


def _prefetched(employments: QuerySet[Employment]) -> QuerySet[Employment]:
    return employments.prefetch_related(
        Prefetch("percents", queryset=EmploymentPercent.objects.order_by("valid_from")),
        Prefetch("funding", queryset=EmploymentFunding.objects.order_by("valid_from", "id")),
    ).order_by("-start_date", "-id")


def _build(employments: Iterable[Employment], today: dt.date) -> list[EmploymentRow]:
    rows = []
    for e in employments:
        percents = list(e.percents.all())
        funding = list(e.funding.all())
        day = max(min(today, e.end_date or today), e.start_date)
        rows.append(
            EmploymentRow(
                employment=e,
                percents=percents,
                funding=funding,
                percent_now=percent_on(percents, day),
                funding_now=[f for f in funding if f.covers(day)],
            )
        )
    return rows


def _rows(employments: QuerySet[Employment], today: dt.date) -> list[EmploymentRow]:
    return _build(_prefetched(employments), today)


def _with_benefit_now(employments: QuerySet[Employment], today: dt.date) -> QuerySet[Employment]:
    """The benefit period in force today (on the first day of a job not yet begun, or on the
    last day of an ended one), in the same query; records without any period show the older
    undated value."""
    in_force = (
        EmploymentBenefit.objects.filter(employment=OuterRef("pk"))
        .filter(Q(valid_from__lte=today) | Q(valid_from__lte=OuterRef("start_date")))
        .filter(
            Q(valid_to__isnull=True)
            | Q(valid_to__gte=today)
            | Q(valid_to__gte=OuterRef("end_date"))
        )
        .order_by("-valid_from", "-id")
    )
    return employments.annotate(
        benefit_now_kind=Subquery(in_force.values("kind")[:1]),
        benefit_now_other=Subquery(in_force.values("other_text")[:1]),
        benefit_periods_exist=Exists(EmploymentBenefit.objects.filter(employment=OuterRef("pk"))),
    )


def _benefit_text(e: Employment) -> str:
    kind, other = getattr(e, "benefit_now_kind", None), getattr(e, "benefit_now_other", "")
    if kind is None and getattr(e, "benefit_periods_exist", False):
        return "–"
    if kind is None:
        kind, other = e.benefit, e.benefit_other
    label = str(Benefit(kind).label)
    return f"{label}: {other}" if other else label


def staff_queryset(employments: QuerySet[Employment], *, today: dt.date) -> QuerySet[Employment]:
    """Staff rows as an ordered queryset (newest first), to be paginated: the benefit now
    annotated, percents and funding prefetched for the rows fetched."""
    related = employments.select_related("participant", "employer", "position")
    return _prefetched(_with_benefit_now(related, today))


def staff_rows_of(employments: Iterable[Employment], *, today: dt.date) -> list[EmploymentRow]:
    """Rows for employments fetched from `staff_queryset` (a page of them)."""
    rows = _build(employments, today)
    for row in rows:
        row.benefit_now = _benefit_text(row.employment)
    return rows


def staff_rows(employments: QuerySet[Employment], *, today: dt.date) -> list[EmploymentRow]:
    """For coordinators and caseworkers (three queries; the benefit now is annotated)."""
    return staff_rows_of(staff_queryset(employments, today=today), today=today)


def employer_rows(employments: QuerySet[Employment], *, today: dt.date) -> list[EmploymentRow]:
    """For employers: `employments` must come from access.employments_of_employer (three
    queries; the benefit is never loaded)."""
    return _rows(employments, today)


def employer_queryset(employments: QuerySet[Employment]) -> QuerySet[Employment]:
    """`employer_rows` as an ordered queryset, to be paginated (`employer_rows_of`)."""
    return _prefetched(employments)


def employer_rows_of(employments: Iterable[Employment], *, today: dt.date) -> list[EmploymentRow]:
    return _build(employments, today)


def benefit_periods(employment: Employment) -> list[EmploymentBenefit]:
    """The benefit history of one (staff-scoped) record, newest first (one query). Staff only:
    no employer page or selector calls this."""
    return list(employment.benefits.order_by("-valid_from", "-id"))


def employment_row(employment: Employment, *, today: dt.date) -> EmploymentRow:
    """One record with its periods; reuses the already fetched (and scoped) instance."""
    percents = list(employment.percents.order_by("valid_from"))
    funding = list(employment.funding.order_by("valid_from", "id"))
    day = max(min(today, employment.end_date or today), employment.start_date)
    return EmploymentRow(
        employment=employment,
        percents=percents,
        funding=funding,
        percent_now=percent_on(percents, day),
        funding_now=[f for f in funding if f.covers(day)],
    )
