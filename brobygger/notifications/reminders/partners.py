"""Reminders for NAV: county coordinators (contact messages) and caseworkers (wage subsidy)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count
from django.urls import reverse

from brobygger.accounts.models import Role
from brobygger.contacts.models import ContactMessage
from brobygger.core.months import add_months, month_start
from brobygger.notifications.reminders.base import (
    AGREEMENT_ENDING,
    CONTACT_MESSAGE,
    REFUND_PERIOD_READY,
    Grants,
    Reminder,
    daily_key,
    members,
    org_members,
)
from brobygger.organisations.models import Organisation
from brobygger.subsidy.models import Agreement, AgreementStatus, RefundLine
from brobygger.subsidy.services.refunds import MAX_PERIOD_MONTHS
from brobygger.subsidy.transitions import REFUNDABLE

ENDING_WITHIN_DAYS = 30
# Agreements that are (or are about to be) running: an ending one is worth a word.
RUNNING = (AgreementStatus.APPROVED, AgreementStatus.ACTIVE)


def contact_message(today: dt.date) -> list[Reminder]:
    """Messages not yet handled in the county coordinator's inbox: the counties where they hold
    the role (`contacts.selectors.coordinator_counties_of`). Three queries."""
    holders = members(Role.COUNTY_COORDINATOR, today=today)
    if not holders:
        return []
    county_of = dict(
        Organisation.objects.filter(
            pk__in={org for orgs in holders.values() for org in orgs}
        ).values_list("pk", "municipality__county_id")
    )
    open_by_county = dict(
        ContactMessage.objects.filter(handled_at__isnull=True)
        .values("county_id")
        .annotate(n=Count("pk"))
        .values_list("county_id", "n")
    )
    reminders = []
    for user_id, orgs in sorted(holders.items()):
        counties = {county_of[org] for org in orgs}
        count = sum(open_by_county.get(county, 0) for county in counties)
        if count:
            reminders.append(
                Reminder(
                    recipient_id=user_id,
                    kind=CONTACT_MESSAGE,
                    key=daily_key(CONTACT_MESSAGE, user_id, today),
                    count=count,
                    url=reverse("contacts_inbox"),
                    role=Role.COUNTY_COORDINATOR,
                    organisation_id=min(
                        org for org in orgs if open_by_county.get(county_of[org], 0)
                    ),
                )
            )
    return reminders


def last_day(agreement: Agreement) -> dt.date:
    """The agreement's last day with subsidy (end date, or the day before it ended)."""
    end = agreement.end_date
    if agreement.ended_on is not None:
        end = min(end, agreement.ended_on - dt.timedelta(days=1))
    return end


def refund_ready(agreement: Agreement, claimed: set[dt.date], today: dt.date) -> bool:
    """Whether a refund period is ready to claim: the whole months that are over and not
    claimed fill a longest period (3 months), or the agreement's last month is over and some
    month is still unclaimed (nothing more will come). A month can be claimed once it is over
    (`subsidy.services.refunds`)."""
    first = month_start(agreement.start_date)
    end = last_day(agreement)
    unclaimed = 0
    month = first
    while month <= end and add_months(month, 1) <= today:
        if month not in claimed:
            unclaimed += 1
        month = add_months(month, 1)
    all_over = month > end
    return unclaimed >= MAX_PERIOD_MONTHS or (all_over and unclaimed > 0)


def _caseworker_reminders(
    found: dict[int, list[int]], kind: str, today: dt.date, org_of: dict[int, int]
) -> list[Reminder]:
    return [
        Reminder(
            recipient_id=user_id,
            kind=kind,
            key=daily_key(kind, user_id, today),
            count=len(agreements),
            url=(
                reverse("subsidy_agreement_detail", kwargs={"pk": agreements[0]})
                if len(agreements) == 1
                else reverse("subsidy_agreement_list")
            ),
            role=Role.CASEWORKER,
            organisation_id=org_of[agreements[0]],
            target=("subsidy.agreement", agreements[0]) if len(agreements) == 1 else None,
        )
        for user_id, agreements in sorted(found.items())
    ]


def subsidy_reminders(today: dt.date, *, grants: Grants | None = None) -> list[Reminder]:
    """`refund_period_ready` and `agreement_ending` for the caseworkers of the agreement's NAV
    office (who see every agreement of their office, `subsidy.access`). Four queries:
    agreements, claimed months, caseworkers, grants (three given `grants`)."""
    agreements = list(
        Agreement.objects.filter(status__in={*REFUNDABLE, *RUNNING})
        .select_related("participant")
        .only(
            "pk",
            "status",
            "start_date",
            "months",
            "ended_on",
            "nav_office_id",
            "participant__is_protected",
        )
        .order_by("pk")
    )
    if not agreements:
        return []
    claimed: dict[int, set[dt.date]] = defaultdict(set)
    for agreement_id, month in RefundLine.objects.filter(
        agreement__status__in=REFUNDABLE
    ).values_list("agreement_id", "month"):
        claimed[agreement_id].add(month)
    caseworkers = org_members(Role.CASEWORKER, today=today)
    grants = grants or Grants()
    ready: dict[int, list[int]] = defaultdict(list)
    ending: dict[int, list[int]] = defaultdict(list)
    org_of: dict[int, int] = {}
    ends: dict[int, dt.date] = {}
    horizon = today + dt.timedelta(days=ENDING_WITHIN_DAYS)
    for agreement in agreements:
        org_of[agreement.pk] = agreement.nav_office_id
        is_ready = agreement.status in REFUNDABLE and refund_ready(
            agreement, claimed[agreement.pk], today
        )
        ends[agreement.pk] = last_day(agreement)
        is_ending = agreement.status in RUNNING and today <= ends[agreement.pk] <= horizon
        for user_id in caseworkers.get(agreement.nav_office_id, ()):
            if not grants.may_see(
                user_id, agreement.participant_id, agreement.participant.is_protected
            ):
                continue
            if is_ready:
                ready[user_id].append(agreement.pk)
            if is_ending:
                ending[user_id].append(agreement.pk)
    reminders = _caseworker_reminders(ready, REFUND_PERIOD_READY, today, org_of)
    # Ending: one reminder per agreement, sent once (keyed by the agreement and its last day).
    for user_id, ids in sorted(ending.items()):
        for pk in ids:
            reminders.append(
                Reminder(
                    recipient_id=user_id,
                    kind=AGREEMENT_ENDING,
                    key=f"{AGREEMENT_ENDING}:{user_id}:{pk}:{ends[pk].isoformat()}",
                    count=1,
                    url=reverse("subsidy_agreement_detail", kwargs={"pk": pk}),
                    role=Role.CASEWORKER,
                    organisation_id=org_of[pk],
                    target=("subsidy.agreement", pk),
                )
            )
    return reminders
