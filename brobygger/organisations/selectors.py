"""Reads for the organisation pages and the people of an organisation, in a fixed number of
queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from brobygger.accounts.models import Membership, Role, User, active_membership_q
from brobygger.organisations.access import STAFF
from brobygger.organisations.models import Organisation


def organisation_rows(*, query: str = "", kind: str = "") -> QuerySet[Organisation]:
    """Organisations matching a name or orgnr search and a kind, each with its number of
    people holding a staff role now (`people`). One query per page."""
    orgs = Organisation.objects.select_related("municipality")
    text = query.strip()
    if text:
        digits = text.replace(" ", "")
        match = Q(name__icontains=text)
        if digits.isdigit():
            match |= Q(orgnr__contains=digits)
        orgs = orgs.filter(match)
    if kind:
        orgs = orgs.filter(kind=kind)
    return orgs.annotate(
        people=Count(
            "memberships__user",
            filter=Q(memberships__role__in=STAFF) & active_membership_q(prefix="memberships__"),
            distinct=True,
        )
    ).order_by("name", "pk")


@dataclass(frozen=True)
class PersonRow:
    """One person at an organisation, with all their staff roles there joined."""

    user: User
    roles: tuple[str, ...]  # role values: the ones held now, or (when ended) the ones held last
    ended: bool  # no staff role left here
    ends_on: dt.date | None  # when it ended, or when it will (every role held now ends)
    started_on: dt.date

    @property
    def role_labels(self) -> str:
        return ", ".join(str(Role(role).label) for role in self.roles)

    @property
    def shows_email(self) -> bool:
        return bool(self.user.email) and self.user.email.lower() != self.user.username.lower()


def _row(user: User, memberships: list[Membership], today: dt.date) -> PersonRow:
    active = [m for m in memberships if m.is_active_on(today)]
    shown = active or memberships
    ends = [m.ends_on for m in shown]
    return PersonRow(
        user=user,
        roles=tuple(sorted({m.role for m in shown}, key=Role.values.index)),
        ended=not active,
        ends_on=max(ends) if all(ends) else None,  # type: ignore[type-var]
        started_on=min(timezone.localdate(m.created_at) for m in shown),
    )


def _rows(memberships: Iterable[Membership], today: dt.date) -> list[PersonRow]:
    by_user: dict[int, list[Membership]] = {}
    users: dict[int, User] = {}
    for membership in memberships:
        by_user.setdefault(membership.user_id, []).append(membership)
        users[membership.user_id] = membership.user
    rows = [_row(users[pk], items, today) for pk, items in by_user.items()]
    # People who still have access first; each group in name order.
    return sorted(rows, key=lambda r: (r.ended, r.user.last_name, r.user.first_name, r.user.pk))


def _staff_memberships(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation, role__in=STAFF)
        .select_related("user")
        .order_by("user_id", "role")
    )


def organisation_people(
    organisation: Organisation, *, on: dt.date | None = None
) -> list[PersonRow]:
    """Everyone holding (or having held) a staff role at the organisation. One query."""
    return _rows(_staff_memberships(organisation), on or timezone.localdate())


def organisation_person(
    organisation: Organisation, user: User, *, on: dt.date | None = None
) -> PersonRow | None:
    """One person's row (None if they never held a staff role there). One query."""
    rows = _rows(_staff_memberships(organisation).filter(user=user), on or timezone.localdate())
    return rows[0] if rows else None


def organisations_of_coordinator(organisations: QuerySet[Organisation]) -> list[Organisation]:
    return list(organisations.select_related("municipality").order_by("name", "pk"))
