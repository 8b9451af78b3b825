"""Who may see which placement and timesheet. Outside scope is 404.

- coordinator: placements of enrolments they manage (enrolments.access);
- supervisor: placements where they are the supervisor, while they hold the supervisor role
  at the host organisation (losing the role takes effect on the next request);
- participant: placements of their own enrolments.
Protected participants are hidden by enrolments.access (and `participants_visible_q` for
supervisors). A refused fetch of an existing placement or timesheet is logged as denied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from brobygger.accesslog.services import record_refusal
from brobygger.accounts.models import Role
from brobygger.core.access import acting_user, org_ids_for
from brobygger.enrolments.access import (
    enrolments_managed_by,
    own_enrolments,
    participants_visible_q,
)
from brobygger.placements.models import Evaluation, Placement, Timesheet


def placements_managed_by(user_or_request: Any) -> QuerySet[Placement]:
    return Placement.objects.filter(
        enrolment__in=enrolments_managed_by(user_or_request).values("pk")
    )


def placements_supervised_by(user_or_request: Any) -> QuerySet[Placement]:
    hosts = org_ids_for(user_or_request, Role.SUPERVISOR)
    if not hosts:
        return Placement.objects.none()
    return Placement.objects.filter(
        participants_visible_q(user_or_request, "enrolment__participant"),
        supervisor=acting_user(user_or_request),
        host__in=hosts,
    )


def _refuse_placement(request: HttpRequest, pk: int) -> Http404:
    record_refusal(
        request,
        Placement.objects.filter(pk=pk),
        participant="enrolment__participant",
        organisation="enrolment__cohort__version__programme__organisation_id",
        shown=_("Praksisplass (åpnet uten tilgang)"),
    )
    return Http404()


def own_placements(user_or_request: Any) -> QuerySet[Placement]:
    return Placement.objects.filter(enrolment__in=own_enrolments(user_or_request).values("pk"))


def placements_visible_to(user_or_request: Any) -> QuerySet[Placement]:
    return Placement.objects.filter(
        Q(pk__in=placements_managed_by(user_or_request).values("pk"))
        | Q(pk__in=placements_supervised_by(user_or_request).values("pk"))
        | Q(pk__in=own_placements(user_or_request).values("pk"))
    )


@dataclass(frozen=True)
class PlacementAccess:
    placement: Placement
    is_manager: bool  # coordinator managing the enrolment
    is_supervisor: bool  # the placement's supervisor
    is_participant: bool  # the participant themself


def _with_details(queryset: QuerySet[Placement]) -> QuerySet[Placement]:
    return queryset.select_related(
        "enrolment__participant",
        "enrolment__cohort__version__programme__organisation",
        "host",
        "supervisor",
    ).prefetch_related("percents")


def placement_for_user(request: HttpRequest, pk: int) -> PlacementAccess:
    """Fetch-and-authorise for any role that may see the placement; flags say which."""
    placement = (
        _with_details(placements_visible_to(request).filter(pk=pk))
        .annotate(
            _managed=Exists(placements_managed_by(request).filter(pk=OuterRef("pk"))),
            _supervised=Exists(placements_supervised_by(request).filter(pk=OuterRef("pk"))),
            _own=Exists(own_placements(request).filter(pk=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch("timesheets", queryset=Timesheet.objects.order_by("week_start")),
            Prefetch("evaluations", queryset=Evaluation.objects.select_related("written_by")),
        )
        .first()
    )
    if placement is None:
        raise _refuse_placement(request, pk)
    return PlacementAccess(
        placement=placement,
        is_manager=bool(placement._managed),  # type: ignore[attr-defined]
        is_supervisor=bool(placement._supervised),  # type: ignore[attr-defined]
        is_participant=bool(placement._own),  # type: ignore[attr-defined]
    )


def placement_managed_by_user(request: HttpRequest, pk: int) -> Placement:
    """A placement whose enrolment the coordinator manages; 404 otherwise."""
    placement = _with_details(placements_managed_by(request).filter(pk=pk)).first()
    if placement is None:
        raise _refuse_placement(request, pk)
    return placement


def placement_supervised_by_user(request: HttpRequest, pk: int) -> Placement:
    placement = _with_details(placements_supervised_by(request).filter(pk=pk)).first()
    if placement is None:
        raise _refuse_placement(request, pk)
    return placement


def own_placement(request: HttpRequest, pk: int) -> Placement:
    """The participant's own placement; 404 for anyone else's."""
    placement = _with_details(own_placements(request).filter(pk=pk)).first()
    if placement is None:
        raise _refuse_placement(request, pk)
    return placement


def timesheet_for_supervisor(request: HttpRequest, pk: int) -> Timesheet:
    """A timesheet of a placement the user supervises; 404 otherwise (also for other
    supervisors)."""
    timesheet = (
        Timesheet.objects.filter(
            pk=pk, placement__in=placements_supervised_by(request).values("pk")
        )
        .select_related(
            "placement__enrolment__participant",
            "placement__enrolment__cohort__version__programme__organisation",
            "placement__host",
            "placement__supervisor",
        )
        .prefetch_related("days", "placement__percents")
        .first()
    )
    if timesheet is None:
        record_refusal(
            request,
            Timesheet.objects.filter(pk=pk),
            participant="placement__enrolment__participant",
            organisation="placement__enrolment__cohort__version__programme__organisation_id",
            shown=_("Timeliste (åpnet uten tilgang)"),
        )
        raise Http404
    return timesheet
