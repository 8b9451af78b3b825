"""Reads for the written assignment, each in a fixed number of queries.

`assignment_states` is the cross-app contract used by completion (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from brobygger.assessments.models import Submission
from brobygger.assessments.rules import OPEN_STATUSES, submission_refusal
from brobygger.enrolments.access import own_enrolments
from brobygger.enrolments.models import Enrolment


@dataclass(frozen=True)
class AssignmentState:
    # "none" | "submitted" (waiting for assessment) | "approved" | "not_approved" | "resubmit"
    state: str = "none"
    attempts: int = 0


def assignment_states(enrolment_ids: Iterable[int]) -> dict[int, AssignmentState]:
    """The latest attempt's state per enrolment id, in one query whatever the count.

    Every requested id is in the answer; those without a submission are "none".
    """
    ids: Any = enrolment_ids if isinstance(enrolment_ids, QuerySet) else list(enrolment_ids)
    rows = (
        Submission.objects.filter(enrolment_id__in=ids)
        .order_by("enrolment_id", "-attempt")
        .values_list("enrolment_id", "attempt", "assessment__outcome")
    )
    states: dict[int, AssignmentState] = {}
    counts: dict[int, int] = {}
    for enrolment_id, _attempt, outcome in rows:
        counts[enrolment_id] = counts.get(enrolment_id, 0) + 1
        if enrolment_id not in states:  # rows come latest attempt first
            states[enrolment_id] = AssignmentState(state=outcome or "submitted")
    result = {
        enrolment_id: AssignmentState(state=state.state, attempts=counts[enrolment_id])
        for enrolment_id, state in states.items()
    }
    wanted = ids if isinstance(ids, list) else list(ids.values_list("pk", flat=True))
    for pk in wanted:
        result.setdefault(pk, AssignmentState())
    return result


def attempts_queryset() -> QuerySet[Submission]:
    return Submission.objects.select_related("assessment__assessed_by", "submitted_by").order_by(
        "attempt"
    )


def submissions_for(enrolment: Enrolment) -> list[Submission]:
    """All attempts of one enrolment, oldest first, with their assessments (one query)."""
    return list(attempts_queryset().filter(enrolment=enrolment))


def participant_assignment_enrolments(user_or_request: Any) -> list[Enrolment]:
    """The participant's own enrolments that are open for hand-in or have attempts, each
    with `attempts` (oldest first) prefetched. Two queries."""
    return list(
        own_enrolments(user_or_request)
        .filter(Q(status__in=OPEN_STATUSES) | Q(pk__in=Submission.objects.values("enrolment_id")))
        .select_related("cohort__version__programme")
        .prefetch_related(Prefetch("submissions", queryset=attempts_queryset(), to_attr="attempts"))
        .order_by("-cohort__start_date", "pk")
    )


def can_submit(enrolment: Enrolment, attempts: list[Submission]) -> bool:
    """Whether to offer the upload form (the service checks again when it is used)."""
    return submission_refusal(enrolment, attempts[-1] if attempts else None) is None
