"""Reads: the participant's own timetable and the feed behind a token, in fixed query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from brobygger.accounts.models import Role
from brobygger.calendarfeed.models import CalendarFeed
from brobygger.calendarfeed.tokens import MAX_LENGTH, digest
from brobygger.core.access import has_role
from brobygger.enrolments.access import own_enrolments
from brobygger.enrolments.models import Status
from brobygger.programmes.models import Session

# Whose cohort's sessions a participant sees: admitted, taking part, or on leave.
TIMETABLE_STATUSES = frozenset({Status.VENTER_PA_OPPSTART, Status.DELTAR, Status.PERMISJON})
UPCOMING_ON_MY_PAGE = 10


def timetable_sessions(user_or_request: Any) -> QuerySet[Session]:
    """Sessions (cancelled ones too) of the cohorts the user takes part in, in date order.
    The user's own enrolments only (enrolments.access.own_enrolments)."""
    cohort_ids = (
        own_enrolments(user_or_request).filter(status__in=TIMETABLE_STATUSES).values("cohort_id")
    )
    return (
        Session.objects.filter(cohort_id__in=cohort_ids)
        .select_related("cohort")
        .order_by("date", "start_time", "pk")
    )


def upcoming_sessions(
    user_or_request: Any, *, today: dt.date, limit: int | None = None
) -> list[Session]:
    """The next sessions from today on (today's included). One query, given the request's
    memberships are already known (they are, behind @roles)."""
    rows = timetable_sessions(user_or_request).filter(date__gte=today)
    return list(rows[:limit] if limit is not None else rows)


def has_timetable(user_or_request: Any) -> bool:
    return own_enrolments(user_or_request).filter(status__in=TIMETABLE_STATUSES).exists()


def live_feed(user: Any) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed behind a token, or None (unknown, revoked, or its owner no longer an
    active participant). Two queries: the feed with its owner, the owner's memberships."""
    if not token or len(token) > MAX_LENGTH:
        return None
    feed = (
        CalendarFeed.objects.filter(
            token_hash=digest(token), revoked_at__isnull=True, user__is_active=True
        )
        .select_related("user")
        .first()
    )
    if feed is None or not has_role(feed.user, Role.PARTICIPANT):
        return None
    return feed
