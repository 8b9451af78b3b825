"""Reminders about practice and the written assignment: to supervisors and participants."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from brobygger.accesslog.models import ProtectedAccess
from brobygger.accounts.models import Membership, Role
from brobygger.assessments.models import Assessment
from brobygger.enrolments.models import Status
from brobygger.notifications.reminders.base import (
    ASSESSMENT_READY,
    TIMESHEET_MISSING,
    TIMESHEETS_WAITING,
    Reminder,
    day_start,
    members,
)
from brobygger.placements.models import Placement, Timesheet, TimesheetStatus
from brobygger.placements.rules import monday_of

WAITING_DAYS = 3  # a submitted timesheet waits "more than 3 days" from this many midnights
ASSESSMENT_LOOKBACK_DAYS = 1  # assessments recorded yesterday or today (keyed per assessment)


def timesheets_waiting(today: dt.date) -> list[Reminder]:
    """Timesheets submitted before midnight `WAITING_DAYS` days ago and still waiting, per
    supervisor. The supervisor must hold the supervisor role at the placement's host (as
    `placements.access.placements_supervised_by`); protected participants count only for a
    supervisor named for them. One query."""
    active_role = Membership.objects.active(on=today).filter(
        user_id=OuterRef("placement__supervisor_id"),
        organisation_id=OuterRef("placement__host_id"),
        role=Role.SUPERVISOR,
        user__is_active=True,
    )
    granted = ProtectedAccess.objects.filter(
        user_id=OuterRef("placement__supervisor_id"),
        participant_id=OuterRef("placement__enrolment__participant_id"),
    )
    rows = (
        Timesheet.objects.filter(
            status=TimesheetStatus.SUBMITTED,
            submitted_at__lt=day_start(today - dt.timedelta(days=WAITING_DAYS)),
        )
        .filter(Exists(active_role))
        .filter(Q(placement__enrolment__participant__is_protected=False) | Exists(granted))
        .values_list("placement__supervisor_id", "placement__host_id")
    )
    counts: dict[int, int] = defaultdict(int)
    hosts: dict[int, int] = {}
    for user_id, host_id in rows:
        counts[user_id] += 1
        hosts[user_id] = min(host_id, hosts.get(user_id, host_id))
    return [
        Reminder(
            recipient_id=user_id,
            kind=TIMESHEETS_WAITING,
            key=f"{TIMESHEETS_WAITING}:{user_id}:{today.isoformat()}",
            count=count,
            url=reverse("supervisor_placements"),
            role=Role.SUPERVISOR,
            organisation_id=hosts[user_id],
        )
        for user_id, count in sorted(counts.items())
    ]


def timesheet_missing(
    today: dt.date, *, participants: dict[int, set[int]] | None = None
) -> list[Reminder]:
    """Last week's timesheet not sent (none, a draft, or returned) for a placement covering
    that week, of a participant taking part (DELTAR). Keyed per ISO week, so it goes out on the
    first run of the week and not again. Two queries (one given `participants`, the active
    participant memberships)."""
    monday = monday_of(today) - dt.timedelta(days=7)
    sunday = monday + dt.timedelta(days=6)
    sent = Timesheet.objects.filter(
        placement_id=OuterRef("pk"),
        week_start=monday,
        status__in=(TimesheetStatus.SUBMITTED, TimesheetStatus.APPROVED),
    )
    rows = (
        Placement.objects.filter(
            start_date__lte=sunday,
            end_date__gte=monday,
            enrolment__status=Status.DELTAR,
            enrolment__participant__user__isnull=False,
        )
        .exclude(Exists(sent))
        .values_list("enrolment__participant__user_id", "pk")
        .order_by("pk")
    )
    found: dict[int, list[int]] = defaultdict(list)
    for user_id, placement_id in rows:
        found[user_id].append(placement_id)
    if participants is None:
        participants = members(Role.PARTICIPANT, today=today)
    year, week, _weekday = monday.isocalendar()
    reminders = []
    for user_id, placements in sorted(found.items()):
        if user_id not in participants:
            continue
        one = len(placements) == 1
        reminders.append(
            Reminder(
                recipient_id=user_id,
                kind=TIMESHEET_MISSING,
                key=f"{TIMESHEET_MISSING}:{user_id}:{year}-W{week:02d}",
                count=len(placements),
                url=(
                    reverse(
                        "timesheet_edit", kwargs={"pk": placements[0], "week": monday.isoformat()}
                    )
                    if one
                    else reverse("my_timesheets")
                ),
                role="",
                organisation_id=None,
                target=("placements.placement", placements[0]) if one else None,
            )
        )
    return reminders


def assessment_ready(
    today: dt.date, *, participants: dict[int, set[int]] | None = None
) -> list[Reminder]:
    """An assessment of the participant's written assignment recorded yesterday or today (up
    to the run). Keyed per assessment, so each goes out once even when two runs see it. Two
    queries (one given `participants`)."""
    rows = (
        Assessment.objects.filter(
            assessed_at__gte=day_start(today - dt.timedelta(days=ASSESSMENT_LOOKBACK_DAYS)),
            assessed_at__lt=day_start(today + dt.timedelta(days=1)),
            submission__enrolment__participant__user__isnull=False,
        )
        .values_list("pk", "submission__enrolment__participant__user_id")
        .order_by("pk")
    )
    if participants is None:
        participants = members(Role.PARTICIPANT, today=today)
    return [
        Reminder(
            recipient_id=user_id,
            kind=ASSESSMENT_READY,
            key=f"{ASSESSMENT_READY}:{user_id}:{pk}",
            count=1,
            url=reverse("my_assignment"),
            role="",
            organisation_id=None,
            target=("assessments.assessment", pk),
        )
        for pk, user_id in rows
        if user_id in participants
    ]
