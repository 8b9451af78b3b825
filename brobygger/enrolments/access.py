"""Which enrolments (and so which participants' personal data) a user may see.

- coordinator: enrolments in cohorts they manage (full record, may change it);
- caseworker: enrolments they referred, or their NAV office referred (read only);
- participant: their own (read only, plus their own timesheets and assignment);
- teacher and supervisor see participants only through their sessions and placements
  (attendance and placements apps scope those themselves).
Anyone else gets 404: the record's existence is not revealed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from brobygger.accounts.models import Role
from brobygger.core.access import acting_user, org_ids_for
from brobygger.enrolments.models import Enrolment
from brobygger.programmes.access import cohorts_managed_by


def enrolments_managed_by(user_or_request: Any) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(cohort__in=cohorts_managed_by(user_or_request).values("pk"))


def enrolments_referred_by(user_or_request: Any) -> QuerySet[Enrolment]:
    nav_orgs = org_ids_for(user_or_request, Role.CASEWORKER)
    if not nav_orgs:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(
        Q(referred_by=acting_user(user_or_request)) | Q(referring_organisation__in=nav_orgs)
    )


def own_enrolments(user_or_request: Any) -> QuerySet[Enrolment]:
    if not org_ids_for(user_or_request, Role.PARTICIPANT):
        return Enrolment.objects.none()
    return Enrolment.objects.filter(participant__user=acting_user(user_or_request))


def enrolments_visible_to(user_or_request: Any) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(
        Q(pk__in=enrolments_managed_by(user_or_request).values("pk"))
        | Q(pk__in=enrolments_referred_by(user_or_request).values("pk"))
        | Q(pk__in=own_enrolments(user_or_request).values("pk"))
    )


def enrolment_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Enrolment:
    """Fetch-and-authorise: 404 when the user may not see it, 403 when they may see it but
    not change it."""
    enrolment = (
        enrolments_visible_to(request)
        .filter(pk=pk)
        .select_related("participant", "cohort__version__programme__organisation")
        .first()
    )
    if enrolment is None:
        raise Http404
    if write and not enrolments_managed_by(request).filter(pk=pk).exists():
        raise PermissionDenied
    return enrolment
