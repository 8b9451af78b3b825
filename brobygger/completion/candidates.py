"""The caseworker's candidates: the enrolments they (or their NAV office) referred, with
progress. Moved from enrolments (ADR 0024): progress is completion's, and enrolments sits below
completion. The template stays enrolments/caseworker_candidates.html."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from brobygger.completion.progress import Progress
from brobygger.completion.selectors import progress_for
from brobygger.enrolments.access import enrolments_referred_by
from brobygger.enrolments.models import Enrolment, Status

# Statuses that have progress worth showing to the caseworker.
PROGRESS_STATUSES = frozenset({Status.DELTAR, Status.PERMISJON, Status.FULLFORT, Status.AVBRUTT})


@dataclass(frozen=True)
class CandidateRow:
    enrolment: Enrolment
    progress: Progress | None


def caseworker_candidates(user_or_request: Any) -> list[CandidateRow]:
    """Enrolments the caseworker (or their NAV office) referred, newest cohort first, with
    progress for those who have started. Fixed queries (progress_for is fixed too)."""
    enrolments = list(
        enrolments_referred_by(user_or_request)
        .select_related("participant", "cohort__version__programme")
        .order_by("-cohort__start_date", "participant__last_name", "participant__first_name", "pk")
    )
    progress = progress_for([e for e in enrolments if e.status in PROGRESS_STATUSES])
    return [CandidateRow(enrolment=e, progress=progress.get(e.pk)) for e in enrolments]
