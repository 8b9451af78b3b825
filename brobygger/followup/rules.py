"""The one rule for a follow-up at 6 or 12 months (ADR 0016): the recorded answer is the source.

    followup_status(due_on=..., employed=..., today=...) -> FollowUpStatus

`employed` is the recorded answer for that subject and month mark (`FollowUpOutcome.employed`),
or None when nobody has answered. Everything that says "followed up" or "in work N months
after" uses this function: the outcome figures (`outcomes.figures`), the follow-up list
(`followup.selectors.tasks_for`), the reconciliation page (`followup.selectors.mismatches_for`),
and through the figures the exports, the annual report and `manage.py kpis`.

- the date has not come: UPCOMING (not counted; the reader can tell from the dates);
- the date has come and nobody has answered: DUE (on the day) or OVERDUE (after it); both count
  as "not followed up", never as followed up, whatever the employment records say;
- answered: EMPLOYED or NOT_EMPLOYED, as answered, whatever the employment records say
  (a job someone found themselves is often never entered as an employment). Answers can only
  be recorded from the due date (`services.followup_record`), so an answer means the date
  has come.

The employment records are not ignored: they pre-fill the answer form (`records_on`) and the
reconciliation page lists where records and answers disagree, so a coordinator can correct one
or the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import Protocol, TypeVar

from brobygger.core.months import add_months


class FollowUpStatus(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    EMPLOYED = "employed"
    NOT_EMPLOYED = "not_employed"

    @property
    def answered(self) -> bool:
        """Counted as followed up."""
        return self in (FollowUpStatus.EMPLOYED, FollowUpStatus.NOT_EMPLOYED)

    @property
    def missing(self) -> bool:
        """The date has come and there is no answer: counted as not followed up."""
        return self in (FollowUpStatus.DUE, FollowUpStatus.OVERDUE)

    @property
    def employed(self) -> bool:
        return self is FollowUpStatus.EMPLOYED


def due_on(start: dt.date, months: int) -> dt.date:
    """The follow-up date: completion date (or employment start) + whole months."""
    return add_months(start, months)


def last_due_start(months: int, today: dt.date) -> dt.date:
    """The latest start whose follow-up date has come by `today`: `due_on(start, months) <=
    today` exactly when `start <= last_due_start(months, today)` (month arithmetic only moves
    forward), so a query can compare dates instead of adding months."""
    start = add_months(today, -months)
    while due_on(start + dt.timedelta(days=1), months) <= today:
        start += dt.timedelta(days=1)
    while due_on(start, months) > today:
        start -= dt.timedelta(days=1)
    return start


def followup_status(*, due_on: dt.date, employed: bool | None, today: dt.date) -> FollowUpStatus:
    if employed is not None:
        return FollowUpStatus.EMPLOYED if employed else FollowUpStatus.NOT_EMPLOYED
    if due_on > today:
        return FollowUpStatus.UPCOMING
    return FollowUpStatus.DUE if due_on == today else FollowUpStatus.OVERDUE


class _Record(Protocol):
    def is_active_on(self, day: dt.date) -> bool: ...


R = TypeVar("R", bound=_Record)


def records_on(records: Iterable[R], day: dt.date) -> list[R]:
    """The employment records active on `day` (start ≤ day ≤ end, or no end)."""
    return [record for record in records if record.is_active_on(day)]


class Mismatch(StrEnum):
    """Where the answer and the employment records disagree (the reconciliation page)."""

    ANSWER_WITHOUT_RECORD = "answer_without_record"  # "in work", no record active that day
    RECORD_WITHOUT_ANSWER = "record_without_answer"  # a record active that day, no answer
    ANSWER_NOT_EMPLOYED_WITH_RECORD = "not_employed_with_record"  # "not in work", a record


def mismatch(status: FollowUpStatus, *, has_record: bool) -> Mismatch | None:
    if status is FollowUpStatus.EMPLOYED and not has_record:
        return Mismatch.ANSWER_WITHOUT_RECORD
    if status is FollowUpStatus.NOT_EMPLOYED and has_record:
        return Mismatch.ANSWER_NOT_EMPLOYED_WITH_RECORD
    if status.missing and has_record:
        return Mismatch.RECORD_WITHOUT_ANSWER
    return None
