"""Reads for enrolments, each in a fixed number of queries whatever the row count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Max, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from brobygger.accounts.models import Role
from brobygger.core.access import org_ids_for
from brobygger.enrolments.access import (
    cohort_enrolments,
    participants_visible_q,
)
from brobygger.enrolments.models import (
    Enrolment,
    ParticipationPeriod,
    Status,
    StatusChange,
)
from brobygger.enrolments.transitions import (
    ALLOWED,
    COMPLETION_ONLY,
    HOLDS_PLACE,
    NEEDS_NOTE,
    NEEDS_REASON,
    can_transition,
    participation_start,
)
from brobygger.organisations.models import Organisation
from brobygger.programmes.models import Cohort

# How a one-click action reads in the applications list, per target status.
# In this order; the first is the primary button.
ACTION_LABELS: dict[str, Promise] = {
    Status.VURDERES: _("Start vurdering"),
    Status.VENTER_PA_OPPSTART: _("Ta opp"),
    Status.VENTELISTE: _("Sett på venteliste"),
    Status.DELTAR: _("Start deltakelse"),
}

NEW_STATUSES = (Status.SOKT_INN, Status.VURDERES)
NOT_ADMITTED_STATUSES = (Status.IKKE_AKTUELL,)
# A referral may still go to a cohort that started up to this many days ago.
REFERRAL_LATE_DAYS = 30


def allowed_targets(status: str) -> list[tuple[str, str]]:
    """The statuses an enrolment may move to, as (value, label), in Status order."""
    allowed = ALLOWED.get(status, frozenset()) - COMPLETION_ONLY
    return [(value, str(label)) for value, label in Status.choices if value in allowed]


@dataclass(frozen=True)
class Action:
    to: str
    label: Promise
    # The date the change takes effect when not today: starting someone after the cohort has
    # begun dates the start from the cohort's first day, so earlier attendance falls inside it.
    on: dt.date | None = None


@dataclass(frozen=True)
class ApplicationRow:
    enrolment: Enrolment
    quick_actions: list[Action]  # need neither reason nor note: one button each
    other_targets: list[tuple[str, str]]  # need a reason or a note: a small form

    @property
    def needs_reason(self) -> bool:
        return any(value in NEEDS_REASON for value, _label in self.other_targets)


@dataclass(frozen=True)
class CohortApplications:
    cohort: Cohort
    new: list[ApplicationRow] = field(default_factory=list)
    waitlist: list[ApplicationRow] = field(default_factory=list)
    admitted: list[ApplicationRow] = field(default_factory=list)
    not_admitted: list[ApplicationRow] = field(default_factory=list)
    places_taken: int = 0

    @property
    def is_full(self) -> bool:
        return self.places_taken >= self.cohort.capacity

    @property
    def places_left(self) -> int:
        return max(self.cohort.capacity - self.places_taken, 0)


def _action_date(enrolment: Enrolment, to: str) -> dt.date | None:
    """For a late start, the date the daily job would have used; None means today."""
    if to != Status.DELTAR or enrolment.cohort.start_date >= timezone.localdate():
        return None
    return participation_start(
        cohort_start=enrolment.cohort.start_date,
        last_change=getattr(enrolment, "last_change", None),  # annotated by the selectors
    )


def _row(enrolment: Enrolment) -> ApplicationRow:
    targets = allowed_targets(enrolment.status)
    return ApplicationRow(
        enrolment=enrolment,
        quick_actions=[
            Action(to=to, label=label, on=_action_date(enrolment, to))
            for to, label in ACTION_LABELS.items()
            if can_transition(enrolment.status, to)
        ],
        other_targets=[(v, label) for v, label in targets if v in NEEDS_REASON | NEEDS_NOTE],
    )


def cohort_applications(*, cohort: Cohort, viewer: Any) -> CohortApplications:
    """The cohort's applications by section, with the places taken. One query. Protected
    participants `viewer` is not named for are left out of the sections but still take
    their place (the capacity is real)."""
    enrolments = list(
        cohort.enrolments.select_related(
            "participant", "referring_organisation", "online_application"
        )
        .annotate(
            last_change=Max("history__valid_from"),
            visible=ExpressionWrapper(participants_visible_q(viewer), output_field=BooleanField()),
        )
        .order_by("applied_on", "participant__last_name", "participant__first_name", "pk")
    )
    result = CohortApplications(
        cohort=cohort,
        places_taken=sum(1 for e in enrolments if e.status in HOLDS_PLACE),
    )
    for enrolment in enrolments:
        if not enrolment.visible:  # type: ignore[attr-defined]
            continue
        enrolment.cohort = cohort  # already loaded: no query per row
        if enrolment.status in NEW_STATUSES:
            result.new.append(_row(enrolment))
        elif enrolment.status == Status.VENTELISTE:
            result.waitlist.append(_row(enrolment))
        elif enrolment.status == Status.VENTER_PA_OPPSTART:
            result.admitted.append(_row(enrolment))
        elif enrolment.status in NOT_ADMITTED_STATUSES:
            result.not_admitted.append(_row(enrolment))
    result.waitlist.sort(key=lambda row: row.enrolment.waitlist_position or 0)
    return result


def cohort_waitlist(*, cohort: Cohort, viewer: Any) -> list[ApplicationRow]:
    """The waiting list alone, in order (for the htmx partial). One query."""
    enrolments = (
        cohort_enrolments(viewer, cohort)
        .filter(status=Status.VENTELISTE)
        .select_related("participant", "referring_organisation", "online_application")
    )
    rows = []
    for enrolment in enrolments.order_by("waitlist_position"):
        enrolment.cohort = cohort
        rows.append(_row(enrolment))
    return rows


def cohorts_open_for_referral(user_or_request: Any, *, today: dt.date) -> QuerySet[Cohort]:
    """Cohorts a caseworker may refer to: those of programmes their NAV office owns or runs as
    a partner, that start in the future or started at most REFERRAL_LATE_DAYS ago."""
    orgs = org_ids_for(user_or_request, Role.CASEWORKER)
    if not orgs:
        return Cohort.objects.none()
    ids = Cohort.objects.filter(
        Q(version__programme__organisation__in=orgs) | Q(version__programme__partners__in=orgs),
        start_date__gte=today - dt.timedelta(days=REFERRAL_LATE_DAYS),
    ).values("pk")
    return (
        Cohort.objects.filter(pk__in=ids)
        .select_related("version__programme")
        .order_by("start_date", "name")
    )


def referring_organisation_for(user_or_request: Any, *, cohort: Cohort) -> Organisation | None:
    """The caseworker's NAV office for a referral: the one that owns or partners the cohort's
    programme, else their first office. One query."""
    orgs = org_ids_for(user_or_request, Role.CASEWORKER)
    programme_id = cohort.version.programme_id
    return (
        Organisation.objects.filter(pk__in=orgs)
        .annotate(
            linked=Count(
                "pk",
                filter=Q(programmes__pk=programme_id) | Q(partner_programmes__pk=programme_id),
            )
        )
        .order_by("-linked", "pk")
        .first()
    )


@dataclass(frozen=True)
class EnrolmentHistory:
    history: list[StatusChange]
    periods: list[ParticipationPeriod]


def enrolment_history(*, enrolment: Enrolment) -> EnrolmentHistory:
    """The dated status rows (with who made them) and participation periods. Two queries."""
    return EnrolmentHistory(
        history=list(enrolment.history.select_related("created_by").order_by("valid_from", "id")),
        periods=list(enrolment.participation_periods.order_by("valid_from", "id")),
    )
