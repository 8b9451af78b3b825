"""Thin views: parse, fetch-and-authorise (access.py), one service or selector, render or
redirect. Timesheet views are in views_timesheets.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brobygger.accesslog.services import record_access
from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.enrolments.access import enrolment_for_user
from brobygger.placements import selectors, services
from brobygger.placements.access import (
    PlacementAccess,
    placement_for_user,
    placement_managed_by_user,
    placement_supervised_by_user,
    placements_supervised_by,
)
from brobygger.placements.forms import EVALUATION_KINDS, EvaluationForm, PercentForm, PlacementForm


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def placement_create(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_for_user(request, pk, write=True)
    form = PlacementForm(
        request.POST if request.method == "POST" else None,
        initial={"percent": enrolment.cohort.version.placement_percent},
    )
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_create(
                by=request.user, enrolment=enrolment, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Praksisplassen er opprettet."))
            return redirect("placement_detail", pk=placement.pk)
    # The form, or the form again with its errors: either shows the participant (ADR 0009).
    record_access(
        request,
        enrolment.participant,
        shown=_("Skjema for ny praksisplass (navn og kull)"),
        organisation_id=enrolment.cohort.version.programme.organisation_id,
    )
    return render(request, "placements/placement_form.html", {"form": form, "enrolment": enrolment})


def _render_detail(
    request: HttpRequest, access: PlacementAccess, percent_form: PercentForm | None = None
) -> HttpResponse:
    placement = access.placement
    evaluations = {e.kind: e for e in placement.evaluations.all()}
    context: dict[str, Any] = {
        "access": access,
        "placement": placement,
        "enrolment": placement.enrolment,
        "percents": list(placement.percents.all()),
        "practice": selectors.weeks_of(placement, today=timezone.localdate()),
        "evaluations": [
            (kind, label, evaluations.get(kind)) for kind, label in EVALUATION_KINDS.items()
        ],
        "percent_form": percent_form or (PercentForm() if access.is_manager else None),
    }
    return render(request, "placements/placement_detail.html", context)


def _acting_organisation(access: PlacementAccess) -> int | None:
    """The supervisor acts for the host; the coordinator for the programme's organisation."""
    placement = access.placement
    if access.is_supervisor and not access.is_manager:
        return placement.host_id
    return placement.enrolment.cohort.version.programme.organisation_id


@roles(Role.COORDINATOR, Role.SUPERVISOR, Role.PARTICIPANT)
@require_GET
def placement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = placement_for_user(request, pk)
    response = _render_detail(request, access)
    # Not written when the participant looks at their own (accesslog.services).
    record_access(
        request,
        access.placement.enrolment.participant,
        shown=_("Praksisplass: praksisprosent, timelister og evalueringer"),
        organisation_id=_acting_organisation(access),
    )
    return response


@roles(Role.COORDINATOR)
@require_POST
def placement_percent_create(request: HttpRequest, pk: int) -> HttpResponse:
    placement = placement_managed_by_user(request, pk)
    form = PercentForm(request.POST)
    if form.is_valid():
        try:
            services.placement_percent_add(
                by=request.user, placement=placement, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Ny praksisprosent er lagret."))
            return redirect("placement_detail", pk=placement.pk)
    # Refused: the whole placement page again, with the form's errors, is a read (ADR 0009).
    access = placement_for_user(request, pk)
    response = _render_detail(request, access, percent_form=form)
    record_access(
        request,
        placement.enrolment.participant,
        shown=_("Praksisplass: praksisprosent, timelister og evalueringer"),
        organisation_id=_acting_organisation(access),
    )
    return response


@roles(Role.SUPERVISOR)
@require_GET
def supervisor_placements(request: HttpRequest) -> HttpResponse:
    overview = selectors.supervisor_overview(
        placements_supervised_by(request), today=timezone.localdate()
    )
    return render(request, "placements/supervisor_placements.html", {"overview": overview})


@roles(Role.SUPERVISOR)
@require_http_methods(["GET", "POST"])
def evaluation_edit(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in EVALUATION_KINDS:
        raise Http404
    placement = placement_supervised_by_user(request, pk)
    existing = selectors.evaluation_for(placement, kind)
    form = EvaluationForm(
        request.POST if request.method == "POST" else None,
        initial={
            "text": existing.text if existing else "",
            "edit_token": services.evaluation_token(
                placement=placement, kind=kind, evaluation=existing
            ),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_save(
                by=request.user,
                placement=placement,
                kind=kind,
                text=form.cleaned_data["text"],
                edit_token=form.cleaned_data["edit_token"],
            )
        except ValidationError as exc:
            form.renew_edit_token(exc)
            form.add_error(None, exc)
        else:
            messages.success(request, _("Evalueringen er lagret."))
            return redirect("placement_detail", pk=placement.pk)
    context = {
        "form": form,
        "placement": placement,
        "kind_label": EVALUATION_KINDS[kind],
        "existing": existing,
    }
    response = render(request, "placements/evaluation_form.html", context)
    # GET, or a refused POST shown again: a read either way (ADR 0009).
    record_access(
        request,
        placement.enrolment.participant,
        shown=_("Evaluering av praksis (%(kind)s)") % {"kind": EVALUATION_KINDS[kind]},
        organisation_id=placement.host_id,
    )
    return response
