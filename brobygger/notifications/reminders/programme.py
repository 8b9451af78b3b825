"""Reminders about running the programme: to coordinators (per cohort they manage) and teachers.

Each function takes the day the job runs for and returns the reminders, in a fixed number of
queries whatever the number of participants, sessions or cohorts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Exists, OuterRef
from django.urls import reverse

from brobygger.accounts.models import Role
from brobygger.assessments.models import Submission
from brobygger.attendance.models import AttendanceRecord
from brobygger.attendance.rules import GRID_STATUSES
from brobygger.attendance.selectors import attendance_summaries
from brobygger.completion.models import Completion
from brobygger.core.months import add_months
from brobygger.employment.models import Employment
from brobygger.enrolments.models import Enrolment, Status
from brobygger.followup.models import FOLLOW_UP_MONTHS, FollowUpKind, FollowUpOutcome
from brobygger.followup.selectors import Task
from brobygger.notifications.reminders.base import (
    ABSENCE_WARNING,
    APPLICATIONS_UNANSWERED,
    ASSIGNMENTS_WAITING,
    ATTENDANCE_NOT_TAKEN,
    FOLLOWUPS_DUE,
    CohortCoordinators,
    Grants,
    Reminder,
    cohort_coordinators,
    daily_key,
    members,
)
from brobygger.programmes.models import Cohort, Session, SessionStatus

# Applications still to answer: applied, or being assessed (enrolments.models.Status).
UNANSWERED = (Status.SOKT_INN, Status.VURDERES)
APPLICATIONS_DAYS_BEFORE_START = 7

# (cohort id, participant id, participant is protected), one row per thing to count.
Row = tuple[int, int, bool]


def _per_cohort(
    rows: Iterable[Row],
    *,
    kind: str,
    url_name: str,
    today: dt.date,
    coordinators: CohortCoordinators,
    grants: Grants,
) -> list[Reminder]:
    """One reminder per (coordinator, cohort) with something to count, pointing to the cohort's
    page. Protected participants count only for coordinators named for them."""
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for cohort_id, participant_id, is_protected in rows:
        for user_id in coordinators.of(cohort_id):
            if grants.may_see(user_id, participant_id, is_protected):
                counts[(user_id, cohort_id)] += 1
    return [
        Reminder(
            recipient_id=user_id,
            kind=kind,
            key=daily_key(kind, user_id, today, cohort_id),
            count=count,
            url=reverse(url_name, kwargs={"pk": cohort_id}),
            role=Role.COORDINATOR,
            organisation_id=coordinators.of(cohort_id)[user_id],
            target=("programmes.cohort", cohort_id),
        )
        for (user_id, cohort_id), count in sorted(counts.items())
    ]


def assignments_waiting(
    today: dt.date, *, coordinators: CohortCoordinators, grants: Grants
) -> list[Reminder]:
    """Written assignments handed in and not assessed yet, per cohort. One query."""
    rows = Submission.objects.filter(assessment__isnull=True).values_list(
        "enrolment__cohort_id", "enrolment__participant_id", "enrolment__participant__is_protected"
    )
    return _per_cohort(
        rows,
        kind=ASSIGNMENTS_WAITING,
        url_name="cohort_overview",
        today=today,
        coordinators=coordinators,
        grants=grants,
    )


def applications_unanswered(
    today: dt.date, *, coordinators: CohortCoordinators, grants: Grants
) -> list[Reminder]:
    """A cohort starting within 7 days (today included) with applications not answered yet
    (applied or being assessed). One query."""
    rows = Enrolment.objects.filter(
        status__in=UNANSWERED,
        cohort__start_date__gte=today,
        cohort__start_date__lte=today + dt.timedelta(days=APPLICATIONS_DAYS_BEFORE_START),
    ).values_list("cohort_id", "participant_id", "participant__is_protected")
    return _per_cohort(
        rows,
        kind=APPLICATIONS_UNANSWERED,
        url_name="cohort_applications",
        today=today,
        coordinators=coordinators,
        grants=grants,
    )


def absence_warning(
    today: dt.date, *, coordinators: CohortCoordinators, grants: Grants
) -> list[Reminder]:
    """Participants taking part (DELTAR, as completion.warnings) whose attendance summary has a
    warning: `attendance_summaries`, the rule the participant page uses. Four queries."""
    enrolments = list(
        Enrolment.objects.filter(status=Status.DELTAR).values_list(
            "pk", "cohort_id", "participant_id", "participant__is_protected"
        )
    )
    summaries = attendance_summaries([row[0] for row in enrolments], today=today)
    rows = [
        (cohort_id, participant_id, is_protected)
        for pk, cohort_id, participant_id, is_protected in enrolments
        if summaries[pk].warnings
    ]
    return _per_cohort(
        rows,
        kind=ABSENCE_WARNING,
        url_name="cohort_overview",
        today=today,
        coordinators=coordinators,
        grants=grants,
    )


def followups_due(
    today: dt.date, *, coordinators: CohortCoordinators, grants: Grants
) -> list[Reminder]:
    """Follow-ups at 6 and 12 months that are due today or overdue and not answered, per
    coordinator, counted as the follow-up list counts them (`followup.selectors`: a task is due
    on completion date or employment start + months, `Task.state`). Three queries.

    The follow-up list shows a coordinator the completions of enrolments they manage and the
    employments of participants with such an enrolment, never their own."""
    latest = add_months(today, -min(FOLLOW_UP_MONTHS))
    completions = list(
        Completion.objects.filter(completed_on__lte=latest).values_list(
            "pk",
            "completed_on",
            "enrolment__cohort_id",
            "enrolment__participant_id",
            "enrolment__participant__is_protected",
            "enrolment__participant__user_id",
        )
    )
    # One row per (employment, cohort of one of the participant's enrolments).
    employments = list(
        Employment.objects.filter(start_date__lte=latest).values_list(
            "pk",
            "start_date",
            "participant__enrolments__cohort_id",
            "participant_id",
            "participant__is_protected",
            "participant__user_id",
        )
    )
    answered = set(
        FollowUpOutcome.objects.values_list("kind", "completion_id", "employment_id", "months")
    )
    answered_keys = {
        (kind, completion_id or employment_id, months)
        for kind, completion_id, employment_id, months in answered
    }
    tasks: dict[int, set[tuple[str, int, int]]] = defaultdict(set)  # user -> tasks
    orgs: dict[int, int] = {}
    subjects = [(FollowUpKind.COMPLETION, row) for row in completions] + [
        (FollowUpKind.HIRE, row) for row in employments
    ]
    for kind, (pk, start, cohort_id, participant_id, is_protected, own_user) in subjects:
        if cohort_id is None:
            continue
        for months in FOLLOW_UP_MONTHS:
            task = Task(kind, pk, months, add_months(start, months), None, "")
            if task.state(today) == "upcoming" or (kind, pk, months) in answered_keys:
                continue
            for user_id, org in coordinators.of(cohort_id).items():
                if user_id != own_user and grants.may_see(user_id, participant_id, is_protected):
                    tasks[user_id].add((kind, pk, months))
                    orgs.setdefault(user_id, org)
    return [
        Reminder(
            recipient_id=user_id,
            kind=FOLLOWUPS_DUE,
            key=daily_key(FOLLOWUPS_DUE, user_id, today),
            count=len(found),
            url=reverse("followup_list"),
            role=Role.COORDINATOR,
            organisation_id=orgs[user_id],
        )
        for user_id, found in sorted(tasks.items())
    ]


def attendance_not_taken(today: dt.date) -> list[Reminder]:
    """Sessions held yesterday (planned, not cancelled) in a cohort with someone to record, and
    no attendance recorded at all. To the session's teacher, or to the cohort's teachers when
    the session names none; teachers need the teacher role (anywhere, as
    `programmes.access.cohorts_taught_by`). Three queries."""
    yesterday = today - dt.timedelta(days=1)
    sessions = list(
        Session.objects.filter(date=yesterday, status=SessionStatus.PLANNED)
        .filter(
            Exists(
                Enrolment.objects.filter(cohort_id=OuterRef("cohort_id"), status__in=GRID_STATUSES)
            )
        )
        .exclude(Exists(AttendanceRecord.objects.filter(session_id=OuterRef("pk"))))
        .values_list("pk", "cohort_id", "teacher_id", "cohort__version__programme__organisation_id")
    )
    if not sessions:
        return []
    cohort_teachers: dict[int, set[int]] = defaultdict(set)
    for cohort_id, user_id in Cohort.teachers.through.objects.filter(
        cohort_id__in={cohort_id for _pk, cohort_id, _t, _o in sessions}
    ).values_list("cohort_id", "user_id"):
        cohort_teachers[cohort_id].add(user_id)
    teachers = members(Role.TEACHER, today=today)
    found: dict[int, list[int]] = defaultdict(list)  # teacher -> session ids
    org_of: dict[int, int] = {}
    for pk, cohort_id, teacher_id, owner in sessions:
        for user_id in {teacher_id} if teacher_id else cohort_teachers[cohort_id]:
            orgs = teachers.get(user_id)
            if orgs:
                found[user_id].append(pk)
                org_of.setdefault(user_id, owner if owner in orgs else min(orgs))
    reminders = []
    for user_id, session_ids in sorted(found.items()):
        one = len(session_ids) == 1
        reminders.append(
            Reminder(
                recipient_id=user_id,
                kind=ATTENDANCE_NOT_TAKEN,
                key=daily_key(ATTENDANCE_NOT_TAKEN, user_id, today),
                count=len(session_ids),
                url=(
                    reverse("session_attendance", kwargs={"pk": session_ids[0]})
                    if one
                    else reverse("my_sessions")
                ),
                role=Role.TEACHER,
                organisation_id=org_of[user_id],
                target=("programmes.session", session_ids[0]) if one else None,
            )
        )
    return reminders


def coordinator_reminders(today: dt.date, *, grants: Grants | None = None) -> list[Reminder]:
    """Every coordinator kind, sharing one lookup of coordinators (and of grants)."""
    coordinators = cohort_coordinators(today=today)
    grants = grants or Grants()
    reminders: list[Reminder] = []
    for kind in (assignments_waiting, followups_due, absence_warning, applications_unanswered):
        reminders += kind(today, coordinators=coordinators, grants=grants)
    return reminders
