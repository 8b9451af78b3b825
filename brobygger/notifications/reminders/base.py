"""The reminder value, its kind codes, and the recipient lookups every kind shares.

Reminders are derived from the data on the day they run (nothing is stored here): fixing the
cause stops the reminder. Each lookup below runs a fixed number of queries whatever the number of
rows, so a kind built from them does too.

Recipients are users with an ACTIVE membership (`Membership.objects.active(on=today)`) of the
role that warrants the reminder, in the organisation the app's own access rule asks for; a user
who has lost the role gets nothing. Counts of participants leave out protected participants the
recipient is not named for (`ProtectedAccess`), as every list in the app does
(`enrolments.access.participants_visible_q`): a count must not reveal someone hidden.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings

from brobygger.accesslog.models import ProtectedAccess
from brobygger.accounts.models import Membership, Role
from brobygger.programmes.models import Cohort

# The kind codes (the notifications registry uses the same strings).
TIMESHEETS_WAITING = "timesheets_waiting"
TIMESHEET_MISSING = "timesheet_missing"
ASSESSMENT_READY = "assessment_ready"
ATTENDANCE_NOT_TAKEN = "attendance_not_taken"
ASSIGNMENTS_WAITING = "assignments_waiting"
FOLLOWUPS_DUE = "followups_due"
ABSENCE_WARNING = "absence_warning"
APPLICATIONS_UNANSWERED = "applications_unanswered"
CONTACT_MESSAGE = "contact_message"
REFUND_PERIOD_READY = "refund_period_ready"
AGREEMENT_ENDING = "agreement_ending"

KINDS = (
    TIMESHEETS_WAITING,
    TIMESHEET_MISSING,
    ASSESSMENT_READY,
    ATTENDANCE_NOT_TAKEN,
    ASSIGNMENTS_WAITING,
    FOLLOWUPS_DUE,
    ABSENCE_WARNING,
    APPLICATIONS_UNANSWERED,
    CONTACT_MESSAGE,
    REFUND_PERIOD_READY,
    AGREEMENT_ENDING,
)


@dataclass(frozen=True)
class Reminder:
    recipient_id: int  # accounts.User pk
    kind: str  # one of KINDS
    key: str  # idempotency key, unique per recipient, kind and period
    count: int  # how many things (never names)
    url: str  # where the recipient acts: a page their role can open
    role: str  # the Role value that warrants it, "" for a participant
    organisation_id: int | None  # the organisation of that role's membership, if any
    target: tuple[str, int] | None = None  # ("app_label.model", pk) of a single object


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in Europe/Oslo (aware)."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def daily_key(kind: str, user_id: int, day: dt.date, *parts: object) -> str:
    return ":".join([kind, str(user_id), *(str(p) for p in parts), day.isoformat()])


def members(role: str, *, today: dt.date) -> dict[int, set[int]]:
    """{user_id: organisation ids} of the active memberships of `role`. One query."""
    result: dict[int, set[int]] = defaultdict(set)
    rows = Membership.objects.active(on=today).filter(role=role, user__is_active=True)
    for user_id, org_id in rows.values_list("user_id", "organisation_id"):
        result[user_id].add(org_id)
    return result


def org_members(role: str, *, today: dt.date) -> dict[int, set[int]]:
    """{organisation_id: user ids} of the active memberships of `role`. One query."""
    result: dict[int, set[int]] = defaultdict(set)
    for user_id, orgs in members(role, today=today).items():
        for org in orgs:
            result[org].add(user_id)
    return result


class Grants:
    """Protected participants and who is named for them. One query, all grants (few)."""

    def __init__(self) -> None:
        self._pairs = set(ProtectedAccess.objects.values_list("user_id", "participant_id"))

    def may_see(self, user_id: int, participant_id: int, is_protected: bool) -> bool:
        return not is_protected or (user_id, participant_id) in self._pairs


@dataclass(frozen=True)
class CohortCoordinators:
    """For every cohort, the coordinators who manage it and the organisation of the membership
    that gives them the cohort (programmes.access.cohorts_managed_by, in bulk)."""

    by_cohort: dict[int, dict[int, int]]  # cohort id -> {user id: organisation id}

    def of(self, cohort_id: int) -> dict[int, int]:
        return self.by_cohort.get(cohort_id, {})


def cohort_coordinators(*, today: dt.date, cohort_ids: Iterable[int] | None = None) -> (
    CohortCoordinators
):  # fmt: skip
    """Three queries: the active coordinator memberships, each cohort with its programme's owner
    and partners, and the cohorts' named coordinators.

    The rule is `programmes.access.cohorts_managed_by`: a coordinator of the programme's owner
    or of a partner organisation, or a coordinator named on the cohort while they hold the
    coordinator role anywhere."""
    coordinators = members(Role.COORDINATOR, today=today)
    by_org: dict[int, set[int]] = defaultdict(set)
    for user_id, orgs in coordinators.items():
        for org in orgs:
            by_org[org].add(user_id)
    cohorts = Cohort.objects.all()
    named = Cohort.coordinators.through.objects.all()
    if cohort_ids is not None:
        ids = list(cohort_ids)
        cohorts = cohorts.filter(pk__in=ids)
        named = named.filter(cohort_id__in=ids)
    owners: dict[int, int] = {}
    running: dict[int, set[int]] = defaultdict(set)  # cohort -> owner and partner orgs
    for cohort_id, owner, partner in cohorts.values_list(
        "pk", "version__programme__organisation_id", "version__programme__partners"
    ):
        owners[cohort_id] = owner
        running[cohort_id].add(owner)
        if partner is not None:
            running[cohort_id].add(partner)
    result: dict[int, dict[int, int]] = defaultdict(dict)
    for cohort_id, orgs in running.items():
        # The owner first, so a coordinator of both gets the owner's organisation.
        for org in sorted(orgs, key=lambda o: (o != owners[cohort_id], o)):
            for user_id in by_org.get(org, ()):
                result[cohort_id].setdefault(user_id, org)
    for cohort_id, user_id in named.values_list("cohort_id", "user_id"):
        held = coordinators.get(user_id)
        if held and cohort_id in owners:
            org = owners[cohort_id] if owners[cohort_id] in held else min(held)
            result[cohort_id].setdefault(user_id, org)
    return CohortCoordinators(by_cohort=dict(result))


def count_for(
    counts: dict[int, dict[int, int]], user_id: int, cohort_id: int, amount: int = 1
) -> None:
    counts[user_id][cohort_id] = counts[user_id].get(cohort_id, 0) + amount
