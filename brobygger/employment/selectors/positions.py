"""Reads for positions and hiring cases, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from brobygger.employment.models import (
    HiringCase,
    HiringStatusChange,
    Position,
    PositionFunding,
)
from brobygger.employment.transitions import CLOSED
from brobygger.enrolments.models import Participant


@dataclass
class PositionRow:
    position: Position
    funding: list[PositionFunding] = field(default_factory=list)
    open_cases: int = 0
    hired: int = 0


def position_rows(positions: QuerySet[Position]) -> list[PositionRow]:
    """Positions with their funding and case counts (two queries)."""
    qs = (
        positions.select_related("employer")
        .prefetch_related(
            Prefetch("funding", queryset=PositionFunding.objects.order_by("valid_from"))
        )
        .annotate(
            open_cases=Count("cases", filter=~Q(cases__status__in=CLOSED), distinct=True),
            hired=Count("cases", filter=Q(cases__status="HIRED"), distinct=True),
        )
        .order_by("-start_date", "title", "id")
    )
    return [
        PositionRow(
            position=p,
            funding=list(p.funding.all()),
            open_cases=p.open_cases,  # type: ignore[attr-defined]
            hired=p.hired,  # type: ignore[attr-defined]
        )
        for p in qs
    ]


def missing_description_share(rows: list[PositionRow]) -> int:
    """Percent of the listed positions without a job description (0 when none listed)."""
    if not rows:
        return 0
    missing = sum(1 for r in rows if not r.position.description.strip())
    return round(100 * missing / len(rows))


def open_positions_for(participant: Participant, *, today: dt.date) -> list[Position]:
    """Open, current positions a candidate may apply to, marked with `applied` (one query)."""
    mine = HiringCase.objects.filter(position=OuterRef("pk"), participant=participant)
    return list(
        Position.objects.filter(is_open=True)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("employer__municipality")
        .annotate(applied=Exists(mine))
        .order_by("-start_date", "title", "id")
    )


def position_cases(position: Position) -> list[HiringCase]:
    """The cases for one position, for its employer (one query)."""
    return list(
        HiringCase.objects.filter(position=position)
        .select_related("participant")
        .only(
            "id",
            "status",
            "origin",
            "created_at",
            "participant__first_name",
            "participant__last_name",
        )
        .order_by("-created_at", "-id")
    )


def cases_of_employer(org_ids: set[int]) -> list[HiringCase]:
    return list(
        HiringCase.objects.filter(position__employer__in=org_ids)
        .select_related("position", "participant")
        .only(
            "id",
            "status",
            "origin",
            "created_at",
            "position__title",
            "participant__first_name",
            "participant__last_name",
        )
        .order_by("-created_at", "-id")
    )


def my_cases(participant: Participant) -> list[HiringCase]:
    return list(
        HiringCase.objects.filter(participant=participant)
        .select_related("position__employer")
        .order_by("-created_at", "-id")
    )


def case_history(case: HiringCase) -> list[HiringStatusChange]:
    return list(HiringStatusChange.objects.filter(case=case).order_by("valid_from", "id"))


def open_position_or_404(pk: int, *, today: dt.date) -> Position:
    """An open, current position (any candidate with a visible profile may apply)."""
    position = (
        Position.objects.filter(pk=pk, is_open=True)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("employer__municipality")
        .first()
    )
    if position is None:
        raise Http404
    return position
