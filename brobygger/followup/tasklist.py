"""The follow-up list a page at a time (issue 16): the open follow-ups of a date window, in the
database, sorted and counted there, so the page costs the same at ten completions or a million.

A follow-up is derived, not stored (ADR 0016): a completion or an employment start plus 6 or 12
months, open while nobody has answered it. `open_tasks` asks for the four kinds (completion or
hire, 6 or 12 months) in one UNION ALL, each member limited by its start date (an indexed range:
the due date only grows with the start), with the unanswered ones kept by NOT EXISTS on the
answers' unique (subject, months) index, and the page's rows and their total from one query
(COUNT(*) OVER ()). The same rule as `selectors.tasks_for`, which the reminders still use, and
tests hold the two to the same rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import (
    CharField,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Value,
)
from django.db.models.expressions import Combinable

from brobygger.core.months import add_months
from brobygger.employment.models import Employment
from brobygger.enrolments.models import Participant
from brobygger.followup.models import FOLLOW_UP_MONTHS, FollowUpKind, FollowUpOutcome
from brobygger.followup.selectors import Task, completions_followed_by, employments_followed_by


class AddMonths(Func):
    """`core.months.add_months` in SQL: whole months, the day clamped to the month's end."""

    output_field = DateField()

    def __init__(self, expression: Combinable | str, months: int) -> None:
        super().__init__(expression)
        self.months = int(months)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        # date + interval clamps the day (31.08 + 6 months = 28.02), as add_months does.
        return f"CAST(({sql}) + INTERVAL '{self.months} months' AS date)", params

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        # SQLite rolls 31.08 + 6 months over into March; the month's last day caps it.
        return (
            f"MIN(date({sql}, '+{self.months} months'), "
            f"date({sql}, 'start of month', '+{self.months + 1} months', '-1 day'))",
            params * 2,
        )


def first_start(due: dt.date, months: int) -> dt.date:
    """The earliest start whose follow-up `months` later falls on or after `due`."""
    start = add_months(due, -months) - dt.timedelta(days=4)
    while add_months(start, months) < due:
        start += dt.timedelta(days=1)
    return start


def last_start(due: dt.date, months: int) -> dt.date:
    """The latest start whose follow-up `months` later falls on or before `due`."""
    start = add_months(due, -months) + dt.timedelta(days=4)
    while add_months(start, months) > due:
        start -= dt.timedelta(days=1)
    return start


_COLUMNS = ("fu_kind", "subject", "m", "due", "person", "first", "last", "label_a", "label_b")


def _window(field: str, months: int, lo: dt.date | None, hi: dt.date) -> dict[str, dt.date]:
    bounds = {f"{field}__lte": last_start(hi, months)}
    if lo is not None:
        bounds[f"{field}__gte"] = first_start(lo, months)
    return bounds


def _completions(request_or_user: Any, months: int, lo: dt.date | None, hi: dt.date) -> QuerySet:
    answered = FollowUpOutcome.objects.filter(completion=OuterRef("pk"), months=months)
    return (
        completions_followed_by(request_or_user)
        .filter(**_window("completed_on", months, lo, hi))
        .filter(~Exists(answered))
        .annotate(
            fu_kind=Value(FollowUpKind.COMPLETION.value, output_field=CharField()),
            subject=F("pk"),
            m=Value(months, output_field=IntegerField()),
            due=AddMonths("completed_on", months),
            person=F("enrolment__participant_id"),
            first=F("enrolment__participant__first_name"),
            last=F("enrolment__participant__last_name"),
            label_a=F("enrolment__cohort__version__programme__name"),
            label_b=F("enrolment__cohort__name"),
        )
        .order_by()
        .values_list(*_COLUMNS)
    )


def _hires(request_or_user: Any, months: int, lo: dt.date | None, hi: dt.date) -> QuerySet:
    answered = FollowUpOutcome.objects.filter(employment=OuterRef("pk"), months=months)
    followed = employments_followed_by(request_or_user).values("pk")
    return (
        Employment.objects.filter(pk__in=followed)  # no DISTINCT inside the UNION
        .filter(**_window("start_date", months, lo, hi))
        .filter(~Exists(answered))
        .annotate(
            fu_kind=Value(FollowUpKind.HIRE.value, output_field=CharField()),
            subject=F("pk"),
            m=Value(months, output_field=IntegerField()),
            due=AddMonths("start_date", months),
            person=F("participant_id"),
            first=F("participant__first_name"),
            last=F("participant__last_name"),
            label_a=F("job_title"),
            label_b=F("employer__name"),
        )
        .order_by()
        .values_list(*_COLUMNS)
    )


def open_tasks(
    request_or_user: Any,
    *,
    lo: dt.date | None,
    hi: dt.date,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[Task], int]:
    """Unanswered follow-ups due from `lo` (None: however long ago) to `hi`, both included,
    sorted as the list shows them (due date, surname, kind, months; then first name and id,
    so pages never overlap), `limit` of them from
    `offset`, and how many there are in all: one query."""
    members = [
        member(request_or_user, months, lo, hi)
        for member in (_completions, _hires)
        for months in FOLLOW_UP_MONTHS
    ]
    parts: list[str] = []
    params: list[Any] = []
    for member in members:
        sql, member_params = member.query.sql_with_params()
        parts.append(sql)
        params.extend(member_params)
    # The members are the ORM's own SQL with their parameters apart; nothing typed is inlined.
    sql = (
        "SELECT t.*, COUNT(*) OVER () FROM ("  # noqa: S608
        + " UNION ALL ".join(parts)
        + ") t ORDER BY 4, 7, 1, 3, 6, 2"
    )
    if limit is not None:
        sql += " LIMIT %s OFFSET %s"
        params += [limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = rows[0][-1] if rows else 0
    return [_task(row) for row in rows], total


def _task(row: tuple[Any, ...]) -> Task:
    kind, subject, months, due, person, first, last, label_a, label_b, _total = row
    if isinstance(due, str):  # SQLite
        due = dt.date.fromisoformat(due)
    # The person as the list shows them: the name, and the pk that equality and links use.
    participant = Participant(pk=person, first_name=first, last_name=last)
    return Task(kind, subject, int(months), due, participant, f"{label_a}, {label_b}")
