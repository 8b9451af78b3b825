"""Which follow-ups are due for a user: derived from completions and employments, minus those
already answered. Three queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from brobygger.completion.models import Completion
from brobygger.core.access import acting_user
from brobygger.core.months import add_months
from brobygger.employment.models import Employment
from brobygger.enrolments.access import enrolments_visible_to
from brobygger.followup.models import FOLLOW_UP_MONTHS, FollowUpKind, FollowUpOutcome

UPCOMING_DAYS = 30


@dataclass(frozen=True)
class Task:
    kind: str  # FollowUpKind
    subject_id: int  # completion or employment id
    months: int
    due_on: dt.date
    participant: Any
    label: str  # "MB-utdanning Bergen, Kull 2024" or "Miljøarbeider, Bergen kommune"

    def state(self, today: dt.date) -> str:
        if self.due_on < today:
            return "overdue"
        return "due" if self.due_on == today else "upcoming"


def completions_followed_by(request_or_user: Any) -> QuerySet[Completion]:
    """Completions of the enrolments the user may see (coordinator: managed; caseworker:
    referred). Participants never follow themselves up."""
    return Completion.objects.filter(enrolment__in=enrolments_visible_to(request_or_user)).exclude(
        enrolment__participant__user=acting_user(request_or_user)
    )


def employments_followed_by(request_or_user: Any) -> QuerySet[Employment]:
    visible = enrolments_visible_to(request_or_user).exclude(
        participant__user=acting_user(request_or_user)
    )
    return Employment.objects.filter(participant__enrolments__in=visible).distinct()


def tasks_for(request_or_user: Any, *, today: dt.date) -> list[Task]:
    """Unanswered follow-ups due up to `UPCOMING_DAYS` ahead, oldest first."""
    horizon = today + dt.timedelta(days=UPCOMING_DAYS)
    # Only rows whose first follow-up falls before the horizon can have a task.
    latest = add_months(horizon, -min(FOLLOW_UP_MONTHS))
    completion_qs = completions_followed_by(request_or_user).filter(completed_on__lte=latest)
    employment_qs = employments_followed_by(request_or_user).filter(start_date__lte=latest)
    completions = list(
        completion_qs.select_related(
            "enrolment__participant", "enrolment__cohort__version__programme"
        )
    )
    employments = list(employment_qs.select_related("participant", "employer"))
    answered = set(
        FollowUpOutcome.objects.filter(completion__in=completion_qs.values("pk")).values_list(
            "kind", "completion_id", "months"
        )
    ) | set(
        FollowUpOutcome.objects.filter(employment__in=employment_qs.values("pk")).values_list(
            "kind", "employment_id", "months"
        )
    )
    tasks: list[Task] = []
    for completion in completions:
        cohort = completion.enrolment.cohort
        for months in FOLLOW_UP_MONTHS:
            due = add_months(completion.completed_on, months)
            key = (FollowUpKind.COMPLETION, completion.pk, months)
            if due <= horizon and key not in answered:
                tasks.append(
                    Task(
                        FollowUpKind.COMPLETION,
                        completion.pk,
                        months,
                        due,
                        completion.enrolment.participant,
                        f"{cohort.version.programme.name}, {cohort.name}",
                    )
                )
    for employment in employments:
        for months in FOLLOW_UP_MONTHS:
            due = add_months(employment.start_date, months)
            key = (FollowUpKind.HIRE, employment.pk, months)
            if due <= horizon and key not in answered:
                tasks.append(
                    Task(
                        FollowUpKind.HIRE,
                        employment.pk,
                        months,
                        due,
                        employment.participant,
                        f"{employment.job_title}, {employment.employer.name}",
                    )
                )
    return sorted(tasks, key=lambda t: (t.due_on, t.participant.last_name, t.kind, t.months))
