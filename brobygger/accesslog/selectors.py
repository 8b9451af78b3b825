"""Reads for the read log and for protection, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.accesslog.models import AccessEvent, HiddenStaffName, ProtectedAccess
from brobygger.accesslog.services import API_CLIENT_ROLE
from brobygger.accounts.models import Membership, Role, User
from brobygger.enrolments.models import Enrolment, Participant
from brobygger.organisations.models import Organisation
from brobygger.programmes.models import Cohort, Session


def role_label(role: str) -> str:
    if role == API_CLIENT_ROLE:
        return _("API-klient (fagsystem)")
    return str(Role(role).label) if role in Role.values else _("Ukjent rolle")


@dataclass(frozen=True)
class LogLine:
    """One entry as the participant reads it."""

    at: Any  # aware datetime, in Europe/Oslo
    who: str  # "Programkoordinator i Bergen kommune, Psykiatritjenesten"
    name: str  # the staff member's name; "" when an administrator has hidden it
    shown: str
    purpose: str


def describe(event: AccessEvent) -> LogLine:
    """Name, role and organisation by default (ADR 0009, amendment 2). A name hidden as a
    per-person exception is left out, and nothing says why. `event` comes from
    own_access_events (annotated with actor_name_hidden)."""
    org = event.actor_organisation
    role = role_label(event.actor_role)
    who = _("%(role)s i %(organisation)s") % {"role": role, "organisation": org} if org else role
    hidden = getattr(event, "actor_name_hidden", True)  # unannotated: the careful choice
    actor = event.actor
    name = "" if hidden or actor is None else (actor.get_full_name() or actor.username)
    return LogLine(
        at=timezone.localtime(event.at),
        who=who,
        name=name,
        shown=event.shown,
        purpose=event.purpose,
    )


def own_access_events(user_or_request: Any) -> QuerySet[AccessEvent]:
    """What others were shown about the signed-in participant, newest first, with whether
    each actor's name is hidden (a subquery: no extra query). Denied attempts are left out:
    nothing was shown (the admin review page lists them)."""
    user = getattr(user_or_request, "user", user_or_request)
    return (
        AccessEvent.objects.filter(participant__user_id=user.pk, denied=False)
        .select_related("actor", "actor_organisation")
        .annotate(
            actor_name_hidden=Exists(HiddenStaffName.objects.filter(user_id=OuterRef("actor_id")))
        )
        .order_by("-at", "-id")
    )


def hidden_staff_names() -> QuerySet[HiddenStaffName]:
    """The exceptions, for the administrators' page: one query."""
    return HiddenStaffName.objects.select_related("user", "set_by").order_by(
        "user__last_name", "user__first_name", "pk"
    )


def hidden_staff_name(pk: int) -> HiddenStaffName:
    """One exception, for the administrator who lifts it (404 if there is none)."""
    return get_object_or_404(HiddenStaffName.objects.select_related("user"), pk=pk)


def staff_users() -> QuerySet[User]:
    """Active users with a current staff role (anything but participant), by name; those
    already hidden are left out. One query."""
    staff = Membership.objects.active().exclude(role=Role.PARTICIPANT).values("user_id")
    return (
        User.objects.filter(pk__in=staff, is_active=True)
        .exclude(pk__in=HiddenStaffName.objects.values("user_id"))
        .order_by("last_name", "first_name", "pk")
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
