"""Which follow-ups are due for a user, and where the answers and the employment records
disagree. Both follow `followup.rules` (ADR 0016): the recorded answer is the source.

- `tasks_for`: derived from completions and employments, minus those answered; three queries
  whatever the number of rows.
- `mismatches_for`: completion follow-ups whose answer (or missing answer) disagrees with the
  employment records active on the date; three queries whatever the number of rows.
- `records_on_date`: the employment records active on a follow-up's date (pre-fills the form).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from brobygger.completion.models import Completion
from brobygger.core.access import acting_user
from brobygger.core.months import add_months
from brobygger.employment.models import Employment, EmploymentFunding, EmploymentPercent
from brobygger.enrolments.access import enrolments_visible_to
from brobygger.followup import rules
from brobygger.followup.models import FOLLOW_UP_MONTHS, FollowUpKind, FollowUpOutcome
from brobygger.followup.rules import FollowUpStatus, Mismatch

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
        """ "overdue", "due" or "upcoming": a task is an unanswered follow-up (rules.py)."""
        return rules.followup_status(due_on=self.due_on, employed=None, today=today).value


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
    answers = _answers(
        FollowUpOutcome.objects.filter(completion__in=completion_qs.values("pk")), "completion_id"
    ) | _answers(
        FollowUpOutcome.objects.filter(employment__in=employment_qs.values("pk")), "employment_id"
    )

    def is_open(key: tuple[str, int, int], due: dt.date) -> bool:
        status = rules.followup_status(due_on=due, employed=answers.get(key), today=today)
        return not status.answered and due <= horizon

    tasks: list[Task] = []
    for completion in completions:
        cohort = completion.enrolment.cohort
        for months in FOLLOW_UP_MONTHS:
            due = rules.due_on(completion.completed_on, months)
            if is_open((FollowUpKind.COMPLETION, completion.pk, months), due):
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
            due = rules.due_on(employment.start_date, months)
            if is_open((FollowUpKind.HIRE, employment.pk, months), due):
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


def _answers(outcomes: QuerySet[FollowUpOutcome], subject: str) -> dict[tuple[str, int, int], bool]:
    rows = outcomes.values_list("kind", subject, "months", "employed")
    return {(kind, pk, months): employed for kind, pk, months, employed in rows}


def _with_details(employments: QuerySet[Employment]) -> QuerySet[Employment]:
    return employments.select_related("employer").prefetch_related(
        Prefetch("percents", queryset=EmploymentPercent.objects.order_by("valid_from")),
        Prefetch("funding", queryset=EmploymentFunding.objects.order_by("valid_from")),
    )


def records_on_date(participant_id: int, day: dt.date) -> list[Employment]:
    """The participant's employment records active on `day`, with percents and funding
    (three queries), the longest-held first."""
    employments = _with_details(
        Employment.objects.filter(participant_id=participant_id).order_by("start_date", "pk")
    )
    return rules.records_on(employments, day)


@dataclass(frozen=True)
class MismatchRow:
    kind: Mismatch
    completion: Completion
    months: int
    due_on: dt.date
    status: FollowUpStatus
    answer: FollowUpOutcome | None
    records: list[Employment]

    @property
    def participant(self) -> Any:
        return self.completion.enrolment.participant

    @property
    def label(self) -> str:
        cohort = self.completion.enrolment.cohort
        return f"{cohort.version.programme.name}, {cohort.name}"


def mismatches_for(request_or_user: Any, *, today: dt.date) -> list[MismatchRow]:
    """Completion follow-ups (the ones the outcome figures count) whose date has come and where
    the answer and the employment records active on that date disagree: an answer "in work"
    without a record, a record without an answer, an answer "not in work" with a record.
    Scoped like the follow-up list; three queries whatever the number of rows."""
    latest = add_months(today, -min(FOLLOW_UP_MONTHS))
    completion_qs = completions_followed_by(request_or_user).filter(completed_on__lte=latest)
    completions = list(
        completion_qs.select_related(
            "enrolment__participant", "enrolment__cohort__version__programme"
        ).order_by("completed_on", "pk")
    )
    answers = {
        (outcome.completion_id, outcome.months): outcome
        for outcome in FollowUpOutcome.objects.filter(completion__in=completion_qs.values("pk"))
    }
    jobs: dict[int, list[Employment]] = {}
    employments = Employment.objects.filter(
        participant__enrolments__completion__in=completion_qs.values("pk")
    ).distinct()
    for employment in employments.select_related("employer").order_by("start_date", "pk"):
        jobs.setdefault(employment.participant_id, []).append(employment)
    rows: list[MismatchRow] = []
    for completion in completions:
        held = jobs.get(completion.enrolment.participant_id, [])
        for months in FOLLOW_UP_MONTHS:
            due = rules.due_on(completion.completed_on, months)
            answer = answers.get((completion.pk, months))
            status = rules.followup_status(
                due_on=due, employed=None if answer is None else answer.employed, today=today
            )
            records = rules.records_on(held, due)
            kind = rules.mismatch(status, has_record=bool(records))
            if kind is not None:
                rows.append(MismatchRow(kind, completion, months, due, status, answer, records))
    return sorted(rows, key=lambda r: (r.due_on, r.participant.last_name, r.months))


@dataclass(frozen=True)
class Prefill:
    """What the employment records say on a follow-up's date: the form's initial answer."""

    records: list[Employment]
    initial: dict[str, Any]


def prefill_on(participant_id: int, day: dt.date) -> Prefill:
    """With a record active on `day`: "in work", its percent, kind and main funding source
    that day (the record held longest if several). Without one: no answer pre-filled, so the
    coordinator says "no" (or "yes" for a job never registered) themselves."""
    records = records_on_date(participant_id, day)
    if not records:
        return Prefill(records, {})
    record = records[0]
    percents = [p.percent for p in record.percents.all() if p.valid_from <= day]
    funding = sorted(
        (f for f in record.funding.all() if f.covers(day)), key=lambda f: -f.share_percent
    )
    initial: dict[str, Any] = {"employed": "yes", "job_kind": record.kind}
    if percents:
        initial["percent"] = percents[-1]
    if funding:
        initial["funding_source"] = funding[0].source
    return Prefill(records, initial)
