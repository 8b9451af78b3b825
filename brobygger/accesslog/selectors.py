"""Reads for the read log and for protection, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.accesslog.models import AccessEvent, ProtectedAccess
from brobygger.accounts.models import Membership, Role, User
from brobygger.enrolments.models import Enrolment, Participant
from brobygger.organisations.models import Organisation
from brobygger.programmes.models import Cohort, Session


def role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else _("Ukjent rolle")


@dataclass(frozen=True)
class LogLine:
    """One entry as the participant reads it."""

    at: Any  # aware datetime, in Europe/Oslo
    who: str  # "Programkoordinator i Bergen kommune, Psykiatritjenesten"
    name: str  # the staff member's name, only when their organisation shows names
    shown: str
    purpose: str


def describe(event: AccessEvent) -> LogLine:
    org = event.actor_organisation
    role = role_label(event.actor_role)
    who = _("%(role)s i %(organisation)s") % {"role": role, "organisation": org} if org else role
    show_name = bool(org and org.show_staff_names_in_access_log and event.actor)
    return LogLine(
        at=timezone.localtime(event.at),
        who=who,
        name=event.actor.get_full_name() if show_name and event.actor else "",
        shown=event.shown,
        purpose=event.purpose,
    )


def own_access_events(user_or_request: Any) -> QuerySet[AccessEvent]:
    """What others were shown about the signed-in participant, newest first. Denied attempts
    are left out: nothing was shown (the admin review page lists them)."""
    user = getattr(user_or_request, "user", user_or_request)
    return (
        AccessEvent.objects.filter(participant__user_id=user.pk, denied=False)
        .select_related("actor", "actor_organisation")
        .order_by("-at", "-id")
    )


REVIEW_FILTERS = {
    "avviste": Q(denied=True),
    "flaggede": Q(flagged=True),
    "alle": Q(denied=True) | Q(flagged=True),
}


def review_events(kind: str) -> QuerySet[AccessEvent]:
    """Denied and/or flagged entries for the admin's review, newest first."""
    return (
        AccessEvent.objects.filter(REVIEW_FILTERS.get(kind, REVIEW_FILTERS["alle"]))
        .select_related("actor", "actor_organisation")
        .order_by("-at", "-id")
    )


def grant_candidates(participant: Participant) -> QuerySet[User]:
    """Users who would see the participant if they were not protected (coordinators and
    teachers of their cohorts and programme organisations, their supervisors, the NAV office
    that referred them), plus anyone already named. One query (with subqueries)."""
    cohorts = Cohort.objects.filter(enrolments__participant=participant).values("pk")
    programme_orgs = Organisation.objects.filter(
        Q(programmes__versions__cohorts__in=cohorts)
        | Q(partner_programmes__versions__cohorts__in=cohorts)
    ).values("pk")
    referring_orgs = Enrolment.objects.filter(participant=participant).values(
        "referring_organisation_id"
    )
    sources = [
        Cohort.coordinators.through.objects.filter(cohort__in=cohorts).values("user_id"),
        Cohort.teachers.through.objects.filter(cohort__in=cohorts).values("user_id"),
        Session.objects.filter(cohort__in=cohorts, teacher__isnull=False).values("teacher_id"),
        Membership.objects.active()
        .filter(role__in=[Role.COORDINATOR, Role.TEACHER], organisation__in=programme_orgs)
        .values("user_id"),
        Membership.objects.active()
        .filter(role=Role.CASEWORKER, organisation__in=referring_orgs)
        .values("user_id"),
        Enrolment.objects.filter(participant=participant, referred_by__isnull=False).values(
            "referred_by_id"
        ),
        Enrolment.objects.filter(participant=participant)
        .values("placements__supervisor_id")
        .exclude(placements__supervisor_id=None),
        ProtectedAccess.objects.filter(participant=participant).values("user_id"),
    ]
    query = Q()
    for source in sources:
        query |= Q(pk__in=source)
    return (
        User.objects.filter(query, is_active=True)
        .exclude(pk=participant.user_id or 0)
        .order_by("last_name", "first_name", "pk")
    )


@dataclass(frozen=True)
class NamedUser:
    user: User
    roles: str  # "Programkoordinator, Bergen kommune; Underviser, …"
    granted: ProtectedAccess | None


def named_users(participant: Participant, candidates: QuerySet[User]) -> list[NamedUser]:
    """The candidates with their roles and grant (if any), granted first. Three queries."""
    grants = {
        g.user_id: g
        for g in ProtectedAccess.objects.filter(participant=participant).select_related(
            "granted_by"
        )
    }
    users = list(
        candidates.prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.active()),
            "memberships__organisation",
        )
    )
    rows = [
        NamedUser(
            user=user,
            roles="; ".join(
                f"{role_label(m.role)}, {m.organisation}" for m in user.memberships.all()
            ),
            granted=grants.get(user.pk),
        )
        for user in users
    ]
    return sorted(rows, key=lambda row: row.granted is None)
