"""Contract (docs/architecture.md). The placements change replaces the stub bodies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PracticeSummary:
    approved_weeks: int = 0  # weeks that count by the version's rule
    submitted_weeks: int = 0  # waiting for the supervisor
    has_placement: bool = False


def practice_summaries(enrolment_ids: Iterable[int]) -> dict[int, PracticeSummary]:
    """One summary per enrolment id, in a fixed number of queries. A week counts when its
    approved hours >= placement percent (the period covering the week) × 37.5 × the cohort's
    version week_tolerance."""
    return {pk: PracticeSummary() for pk in enrolment_ids}
