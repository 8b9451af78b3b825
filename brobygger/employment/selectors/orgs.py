"""Reads for employer organisations in a coordinator's area."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from brobygger.accounts.models import Membership, Role, active_membership_q
from brobygger.organisations.models import Organisation


def employer_rows(orgs: QuerySet[Organisation]) -> list[Organisation]:
    """Employers with their number of users and positions (one query)."""
    return list(
        orgs.select_related("municipality")
        .annotate(
            users=Count(
                "memberships",
                filter=Q(memberships__role=Role.EMPLOYER)
                & active_membership_q(prefix="memberships__"),
                distinct=True,
            ),
            position_count=Count("positions", distinct=True),
        )
        .order_by("name")
    )


def employer_users(org: Organisation) -> list[Membership]:
    return list(
        Membership.objects.active()
        .filter(organisation=org, role=Role.EMPLOYER)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
