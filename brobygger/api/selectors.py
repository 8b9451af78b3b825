"""Reads for the API: the client behind a token, and what a client may see.

An API client acts for its organisation the way that organisation's coordinators do (the web
rule in programmes.access.cohorts_managed_by): the cohorts of the organisation's programmes and
of programmes it is a partner in, and the enrolments in those cohorts. Protected participants
(skjermede) are never shown to a machine client: no ProtectedAccess grant can name one.
Everything else is empty (a list) or 404 (a detail): deny by default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from brobygger.api.models import ApiClient
from brobygger.core.tokens import MAX_LENGTH, digest
from brobygger.enrolments.models import Enrolment, Participant, StatusChange
from brobygger.organisations.models import Organisation
from brobygger.programmes.models import Cohort


def client_for_token(token: str) -> ApiClient | None:
    """The live client behind a bearer token, or None (unknown, revoked, or malformed)."""
    if not token or len(token) > MAX_LENGTH:
        return None
    return (
        ApiClient.objects.filter(token_hash=digest(token), revoked_at__isnull=True)
        .select_related("organisation")
        .first()
    )


def organisation_clients(organisation: Organisation) -> QuerySet[ApiClient]:
    """An organisation's clients, live ones first, for the administrators' page: one query."""
    return (
        ApiClient.objects.filter(organisation=organisation)
        .select_related("created_by", "revoked_by")
        .order_by("revoked_at", "name", "id")
    )


# --- what a client may see -------------------------------------------------------------------


def client_organisations(client: ApiClient) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk=client.organisation_id).select_related("municipality")


def client_cohorts(client: ApiClient) -> QuerySet[Cohort]:
    org = client.organisation_id
    return (
        Cohort.objects.filter(
            Q(version__programme__organisation=org) | Q(version__programme__partners=org)
        )
        .distinct()
        .select_related("version__programme")
    )


def client_enrolments(client: ApiClient) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(
        cohort__in=client_cohorts(client).values("pk"), participant__is_protected=False
    )


def client_participants(client: ApiClient) -> QuerySet[Participant]:
    return Participant.objects.filter(
        pk__in=client_enrolments(client).values("participant_id"), is_protected=False
    ).select_related("municipality")


@dataclass(frozen=True)
class EnrolmentFilters:
    status: str | None = None
    applied_from: dt.date | None = None
    applied_to: dt.date | None = None
    changed_since: dt.datetime | None = None


def enrolment_rows(client: ApiClient, filters: EnrolmentFilters) -> QuerySet[Enrolment]:
    """The client's enrolments with participant, cohort and status history: three queries
    whatever the page size (the rows, then the history prefetch)."""
    rows = client_enrolments(client).select_related("participant", "cohort")
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.applied_from:
        rows = rows.filter(applied_on__gte=filters.applied_from)
    if filters.applied_to:
        rows = rows.filter(applied_on__lte=filters.applied_to)
    if filters.changed_since:
        changed = StatusChange.objects.filter(created_at__gte=filters.changed_since)
        rows = rows.filter(
            Q(created_at__gte=filters.changed_since) | Q(pk__in=changed.values("enrolment_id"))
        )
    return rows.prefetch_related(
        Prefetch("history", queryset=StatusChange.objects.order_by("valid_from", "id"))
    ).order_by("id")
