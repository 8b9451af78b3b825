"""Reads for employment records. Staff rows carry the benefit; employer rows are built from
`access.employments_of_employer`, which never loads it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from brobygger.employment.models import Employment, EmploymentFunding, EmploymentPercent


@dataclass
class EmploymentRow:
    employment: Employment
    percents: list[EmploymentPercent]
    funding: list[EmploymentFunding]
    percent_now: int | None
    funding_now: list[EmploymentFunding]


def percent_on(percents: list[EmploymentPercent], day: dt.date) -> int | None:
    """The percent in force on `day`: the latest row starting on or before it."""
    current = None
    for row in sorted(percents, key=lambda r: r.valid_from):
        if row.valid_from <= day:
            current = row.percent
    return current


def _rows(employments: QuerySet[Employment], today: dt.date) -> list[EmploymentRow]:
    qs = employments.prefetch_related(
        Prefetch("percents", queryset=EmploymentPercent.objects.order_by("valid_from")),
        Prefetch("funding", queryset=EmploymentFunding.objects.order_by("valid_from", "id")),
    ).order_by("-start_date", "-id")
    rows = []
    for e in qs:
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


def staff_rows(employments: QuerySet[Employment], *, today: dt.date) -> list[EmploymentRow]:
    """For coordinators and caseworkers (three queries)."""
    return _rows(employments.select_related("participant", "employer", "position"), today)


def employer_rows(employments: QuerySet[Employment], *, today: dt.date) -> list[EmploymentRow]:
    """For employers: `employments` must come from access.employments_of_employer (three
    queries; the benefit is never loaded)."""
    return _rows(employments, today)


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
