"""Writes: make (or renew) and revoke a participant's calendar feed address."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.accounts.models import User
from brobygger.calendarfeed.models import CalendarFeed
from brobygger.calendarfeed.selectors import has_timetable
from brobygger.calendarfeed.tokens import digest, new_token
from brobygger.core.audit import audit_record


@dataclass(frozen=True)
class IssuedFeed:
    feed: CalendarFeed
    token: str  # shown this once; only its hash is stored


def _revoke_live(*, by: User, now: dt.datetime) -> int:
    live = list(CalendarFeed.objects.select_for_update().filter(user=by, revoked_at__isnull=True))
    for feed in live:
        feed.revoked_at = now
        feed.save(update_fields=["revoked_at"])
        audit_record(by=by, action="revoke", obj=feed, changes={"revoked_at": [None, str(now)]})
    return len(live)


def calendar_feed_create(*, by: User) -> IssuedFeed:
    """A new secret feed address for the participant's own timetable; any earlier address
    stops working. Refused for someone with no cohort to follow (staff, applicants)."""
    if not has_timetable(by):
        raise ValidationError(
            _("Du har ingen timeplan ennå: kalenderlenken kan lages når du har plass på et kull.")
        )
    token = new_token()
    with transaction.atomic():
        now = timezone.now()
        _revoke_live(by=by, now=now)
        feed = CalendarFeed(user=by, token_hash=digest(token), created_at=now)
        feed.full_clean()
        feed.save()
        # The hash is left out: the trail has no use for it.
        audit_record(by=by, action="create", obj=feed, changes={"created_at": [None, str(now)]})
    return IssuedFeed(feed=feed, token=token)


def calendar_feed_revoke(*, by: User) -> int:
    """Stop the participant's feed address; returns how many were live (0 or 1)."""
    with transaction.atomic():
        return _revoke_live(by=by, now=timezone.now())
