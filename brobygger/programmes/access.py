"""Which cohorts a user may see or manage. Selectors and views go through these."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from brobygger.accounts.models import Role
from brobygger.core.access import acting_user, org_ids_for
from brobygger.programmes.models import Cohort, Programme, ProgrammeVersion, Session


def programmes_managed_by(user_or_request: Any) -> QuerySet[Programme]:
    """Programmes owned by, or run in partnership with, an organisation where the user is
    programme coordinator."""
    orgs = org_ids_for(user_or_request, Role.COORDINATOR)
    if not orgs:
        return Programme.objects.none()
    return Programme.objects.filter(Q(organisation__in=orgs) | Q(partners__in=orgs)).distinct()


def cohorts_managed_by(user_or_request: Any) -> QuerySet[Cohort]:
    """Cohorts a coordinator may run: those of their organisations' programmes, and those they
    are named coordinator of (while they still hold the coordinator role)."""
    orgs = org_ids_for(user_or_request, Role.COORDINATOR)
    if not orgs:
        return Cohort.objects.none()
    user = acting_user(user_or_request)
    return Cohort.objects.filter(
        Q(version__programme__organisation__in=orgs)
        | Q(version__programme__partners__in=orgs)
        | Q(coordinators=user)
    ).distinct()


def cohorts_taught_by(user_or_request: Any) -> QuerySet[Cohort]:
    if not org_ids_for(user_or_request, Role.TEACHER):
        return Cohort.objects.none()
    user = acting_user(user_or_request)
    return Cohort.objects.filter(Q(teachers=user) | Q(sessions__teacher=user)).distinct()


def programme_for_user(request: HttpRequest, pk: int) -> Programme:
    """A programme the user manages; 404 otherwise."""
    programme = (
        Programme.objects.filter(pk__in=programmes_managed_by(request).values("pk"), pk=pk)
        .select_related("organisation")
        .first()
    )
    if programme is None:
        raise Http404
    return programme


def version_for_user(request: HttpRequest, pk: int) -> ProgrammeVersion:
    """A version of a programme the user manages; 404 otherwise."""
    version = (
        ProgrammeVersion.objects.filter(
            programme__in=programmes_managed_by(request).values("pk"), pk=pk
        )
        .select_related("programme__organisation")
        .first()
    )
    if version is None:
        raise Http404
    return version


def cohort_for_user(request: HttpRequest, pk: int, *, teaching: bool = False) -> Cohort:
    """A cohort the user manages (or, with teaching=True, also teaches); 404 otherwise."""
    ids = cohorts_managed_by(request).values("pk")
    query = Q(pk__in=ids)
    if teaching:
        query |= Q(pk__in=cohorts_taught_by(request).values("pk"))
    cohort = (
        Cohort.objects.filter(query, pk=pk).select_related("version__programme__organisation")
    ).first()
    if cohort is None:
        raise Http404
    return cohort


def session_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Session:
    """A session of a cohort the user manages or teaches; 404 otherwise. With write=True,
    403 for a teacher who may see the session but not change it."""
    managed = cohorts_managed_by(request).values("pk")
    taught = cohorts_taught_by(request).values("pk")
    session = (
        Session.objects.filter(Q(cohort__in=managed) | Q(cohort__in=taught), pk=pk)
        .select_related("cohort__version__programme__organisation", "teacher")
        .first()
    )
    if session is None:
        raise Http404
    if write and not cohorts_managed_by(request).filter(pk=session.cohort_id).exists():
        raise PermissionDenied
    return session
