"""A hiring case, seen by the employer (runs it) and the candidate (may accept or decline)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from brobygger.accesslog.services import record_access
from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.employment import services, transitions
from brobygger.employment.access import CaseAccess, case_for_user
from brobygger.employment.forms import HireForm, TransitionForm, funding_formset, funding_rows
from brobygger.employment.models import HiringOrigin, HiringStatus
from brobygger.employment.selectors import positions as position_selectors
from brobygger.employment.selectors import profiles as profile_selectors
from brobygger.employment.views._helpers import add_service_errors, funding_initial


def _targets(access: CaseAccess) -> list[tuple[str, str]]:
    return [
        (s, str(HiringStatus(s).label))
        for s in transitions.targets_for(access.actor, access.case.status)
    ]


def _render(
    request: HttpRequest, access: CaseAccess, form: TransitionForm | None = None
) -> HttpResponse:
    case = access.case
    is_employer = access.actor == transitions.EMPLOYER
    context: dict[str, Any] = {
        "case": case,
        "is_employer": is_employer,
        "history": position_selectors.case_history(case),
        "form": form
        or TransitionForm(targets=_targets(access), initial={"on": timezone.localdate()}),
        "has_targets": bool(_targets(access)),
        "can_hire": is_employer and transitions.can_transition(case.status, HiringStatus.HIRED),
    }
    if is_employer:
        # The profile only while it is shown to employers; the full name once the candidate
        # has applied or accepted the invitation.
        context["card"] = profile_selectors.card_for_participant(case.participant_id)
        context["show_name"] = case.origin == HiringOrigin.APPLIED or case.status != (
            HiringStatus.INVITED
        )
        record_access(
            request,
            case.participant_id,
            shown=_("Ansettelsessak og kandidatprofil"),
            purpose=_("Rekruttering"),
            organisation_id=case.position.employer_id,
        )
    return render(request, "employment/hiring_case_detail.html", context)


@roles(Role.EMPLOYER, Role.PARTICIPANT)
@require_http_methods(["GET"])
def hiring_case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, case_for_user(request, pk))


@roles(Role.EMPLOYER, Role.PARTICIPANT)
@require_POST
def hiring_case_transition(request: HttpRequest, pk: int) -> HttpResponse:
    access = case_for_user(request, pk)
    form = TransitionForm(request.POST, targets=_targets(access))
    if form.is_valid():
        try:
            services.hiring_transition(
                by=request.user,
                case=access.case,
                actor=access.actor,
                to=form.cleaned_data["to"],
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saken er oppdatert."))
            return redirect("hiring_case_detail", pk=access.case.pk)
    return _render(request, access, form=form)


@roles(Role.EMPLOYER)
@require_http_methods(["GET", "POST"])
def hiring_case_hire(request: HttpRequest, pk: int) -> HttpResponse:
    access = case_for_user(request, pk)
    if access.actor != transitions.EMPLOYER:
        raise PermissionDenied
    case = access.case
    position = case.position
    data = request.POST if request.method == "POST" else None
    form = HireForm(
        data,
        initial={
            "start_date": position.start_date,
            "end_date": position.end_date,
            "percent": position.percent,
            "kind": position.kind,
        },
    )
    formset = funding_formset(data)
    funding_errors: list[str] = []
    if data is None:
        formset = funding_formset(
            initial=funding_initial(position.funding.all()),
            extra=1,
        )
        record_access(
            request,
            case.participant_id,
            shown=_("Ansettelse: avtalevilkår for kandidaten"),
            purpose=_("Rekruttering"),
            organisation_id=position.employer_id,
        )
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        try:
            employment = services.hiring_hire(
                by=request.user,
                case=case,
                on=timezone.localdate(),
                funding=funding_rows(formset),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            funding_errors = add_service_errors(form, exc)
        else:
            messages.success(request, _("Ansettelsen er registrert."))
            return redirect("employer_employment_detail", pk=employment.pk)
    context = {"case": case, "form": form, "formset": formset, "funding_errors": funding_errors}
    return render(request, "employment/hiring_case_hire.html", context)
