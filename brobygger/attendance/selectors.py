"""Contract (docs/architecture.md). The attendance change replaces the stub bodies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class AttendanceSummary:
    attended_hours: Decimal = Decimal("0")
    scheduled_hours_so_far: Decimal = Decimal("0")  # planned (not cancelled) sessions up to today
    excused_absences: int = 0
    unexcused_absences: int = 0
    absences_in_a_row: int = 0  # latest consecutive absences (excused or not) up to today
    warnings: tuple[str, ...] = field(default_factory=tuple)  # Norwegian, ready to show


def attendance_summaries(enrolment_ids: Iterable[int]) -> dict[int, AttendanceSummary]:
    """One summary per enrolment id, in a fixed number of queries."""
    return {pk: AttendanceSummary() for pk in enrolment_ids}
