"""Who may manage which organisation and its people. Out of scope answers 404.

- administrator: every organisation; creates and edits organisations; gives any staff role
  (never participant: that comes only with the participant's own invitation);
- programme coordinator: the people of the organisations where they hold the coordinator role
  (never an employer: an employer's users stay on the employment app's page), and gives only the
  staff roles a municipal programme has: coordinator, teacher, supervisor.

Only staff memberships are shown or changed here. Being a participant reveals health
information (GDPR art. 9), so a participant's membership never appears on these pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from brobygger.accounts.models import STAFF_ROLES, Role, User
from brobygger.core.access import has_role, org_ids_for
from brobygger.organisations.models import Organisation, OrganisationKind

USER_ADMIN_ROLES = (Role.ADMIN, Role.COORDINATOR)
STAFF: frozenset[str] = frozenset(str(role) for role in STAFF_ROLES)
ADMIN_GRANTS = STAFF
COORDINATOR_GRANTS: frozenset[str] = frozenset({Role.COORDINATOR, Role.TEACHER, Role.SUPERVISOR})
# Roles whose last membership a person may not end themselves: nobody would be left to undo it.
KEEP_LAST_OWN = (Role.ADMIN, Role.COORDINATOR)


def is_admin(request_or_user: Any) -> bool:
    return has_role(request_or_user, Role.ADMIN)


def organisations_managed_by(request_or_user: Any) -> QuerySet[Organisation]:
    """The organisations whose people the user may see and change."""
    if is_admin(request_or_user):
        return Organisation.objects.all()
    ids = org_ids_for(request_or_user, Role.COORDINATOR)
    if not ids:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=ids).exclude(kind=OrganisationKind.EMPLOYER)


def organisation_for_user(request: HttpRequest, pk: int) -> Organisation:
    org = organisations_managed_by(request).filter(pk=pk).select_related("municipality").first()
    if org is None:
        raise Http404
    return org


def organisation_for_admin(request: HttpRequest, pk: int) -> Organisation:
    """For the admin-only pages (the view's @roles has refused everyone else)."""
    org = Organisation.objects.filter(pk=pk).select_related("municipality").first()
    if org is None or not is_admin(request):
        raise Http404
    return org


def grantable_roles(request_or_user: Any, organisation: Organisation) -> frozenset[str]:
    """The roles the user may give (and take away) at `organisation`."""
    if is_admin(request_or_user):
        return ADMIN_GRANTS
    if organisation.kind != OrganisationKind.EMPLOYER and organisation.pk in org_ids_for(
        request_or_user, Role.COORDINATOR
    ):
        return COORDINATOR_GRANTS
    return frozenset()


def member_for_user(organisation: Organisation, user_pk: int) -> User:
    """A person holding (or having held) a staff role at `organisation`; 404 otherwise."""
    user = (
        User.objects.filter(
            pk=user_pk,
            memberships__organisation=organisation,
            memberships__role__in=STAFF,
        )
        .distinct()
        .first()
    )
    if user is None:
        raise Http404
    return user
