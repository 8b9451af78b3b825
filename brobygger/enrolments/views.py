"""Applications, referrals, status changes, the waiting list and participation periods."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from brobygger.accesslog.services import record_access
from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.core.formatting import format_day
from brobygger.core.forms import add_service_errors
from brobygger.enrolments import selectors, services
from brobygger.enrolments.access import cohort_enrolments, enrolment_for_user
from brobygger.enrolments.forms import (
    ApplicationForm,
    BulkTransitionForm,
    ParticipationPeriodForm,
    ReferralForm,
    TransitionForm,
    WaitlistMoveForm,
)
from brobygger.enrolments.models import EndingReason, Status
from brobygger.enrolments.panels import render_panel, safe_next
from brobygger.enrolments.transitions import can_transition
from brobygger.programmes.access import cohort_for_user


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _row_context() -> dict[str, Any]:
    """What the per-row action forms in the applications list need."""
    return {"reasons": EndingReason.choices, "today": timezone.localdate()}


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def cohort_applications(request: HttpRequest, pk: int) -> HttpResponse:
    """The applications by section; a POST is the bulk action on the people ticked in them."""
    cohort = cohort_for_user(request, pk)
    # Only people the coordinator may see can be chosen (protected ones are not offered).
    form = BulkTransitionForm(request.POST or None, enrolments=cohort_enrolments(request, cohort))
    refusals: list[services.BulkRefusal] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            moved = services.enrolments_transition_bulk(
                by=request.user, **{**data, "enrolments": list(data["enrolments"])}
            )
        except services.BulkTransitionRefused as err:
            refusals = err.refusals
            form.add_error(None, err)
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s person har fått status «%(status)s» fra %(date)s.",
                    "%(count)s personer har fått status «%(status)s» fra %(date)s.",
                    len(moved),
                )
                % {
                    "count": len(moved),
                    "status": moved[0].get_status_display(),
                    "date": format_day(data["on"]),
                },
            )
            return redirect("cohort_applications", pk=cohort.pk)
    applications = selectors.cohort_applications(cohort=cohort, viewer=request)
    return render(
        request,
        "enrolments/cohort_applications.html",
        {
            "cohort": cohort,
            "applications": applications,
            "bulk_form": form,
            "refusals": refusals,
            "selected": form.selected(),
            **_row_context(),
        },
    )


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def application_create(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_for_user(request, pk)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _enrolment, reused = services.application_register(
                by=request.user,
                cohort=cohort,
                candidate=form.candidate(),
                applied_on=form.cleaned_data["applied_on"],
                motivation=form.cleaned_data["motivation"],
            )
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(request, _("Søknaden er registrert."))
            if reused:
                messages.info(
                    request,
                    _("Personen var registrert fra før; de lagrede personopplysningene er brukt."),
                )
            return redirect("cohort_applications", pk=cohort.pk)
    return render(
        request,
        "enrolments/application_form.html",
        {
            "form": form,
            "cohort": cohort,
            "title": _("Registrer søknad"),
            "back_url": reverse("cohort_applications", args=[cohort.pk]),
        },
    )


@roles(Role.CASEWORKER)
@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest) -> HttpResponse:
    cohorts = selectors.cohorts_open_for_referral(request, today=timezone.localdate())
    form = ReferralForm(request.POST or None, cohorts=cohorts)
    if request.method == "POST" and form.is_valid():
        cohort = form.cleaned_data["cohort"]
        try:
            services.application_register(
                by=request.user,
                cohort=cohort,
                candidate=form.candidate(),
                applied_on=form.cleaned_data["applied_on"],
                motivation=form.cleaned_data["motivation"],
                referred_by=request.user,
                referring_organisation=selectors.referring_organisation_for(request, cohort=cohort),
            )
        except ValidationError as err:
            if _is_duplicate(err):
                # Whether a person has applied is health information: a caseworker is not
                # told, only asked to contact the programme.
                err = ValidationError(
                    _("Henvisningen kunne ikke registreres. Ta kontakt med programkoordinatoren.")
                )
            add_service_errors(form, err)
        else:
            messages.success(request, _("Henvisningen er registrert."))
            return redirect("caseworker_candidates")
    return render(
        request,
        "enrolments/application_form.html",
        {
            "form": form,
            "title": _("Henvis en kandidat"),
            "back_url": reverse("caseworker_candidates"),
            "no_cohorts": not form.fields["cohort"].queryset.exists(),  # type: ignore[attr-defined]
        },
    )


def _is_duplicate(err: ValidationError) -> bool:
    flat = err.error_list if not hasattr(err, "error_dict") else sum(err.error_dict.values(), [])
    return any(getattr(e, "code", None) == "duplicate" for e in flat)


def _log(request: HttpRequest, enrolment: Any, shown: str) -> None:
    """A POST that answers with the record (a refused form again, or the refreshed status
    panel htmx swaps in) shows the participant: one read-log entry (ADR 0009, amendment 1)."""
    record_access(
        request,
        enrolment.participant,
        shown=shown,
        organisation_id=enrolment.cohort.version.programme.organisation_id,
    )


def _read(request: HttpRequest, enrolment: Any, panel: str) -> HttpResponse:
    _log(request, enrolment, _("Deltakersiden: status, statushistorikk og deltakelsesprosent"))
    return HttpResponse(panel)


@roles(Role.COORDINATOR)
@require_POST
def enrolment_transition(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_for_user(request, pk, write=True)
    form = TransitionForm(request.POST, targets=selectors.allowed_targets(enrolment.status))
    if form.is_valid():
        try:
            updated = services.enrolment_transition(
                by=request.user, enrolment=enrolment, dated_by_hand=True, **form.cleaned_data
            )
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            message = _("Status er endret til «%(status)s».") % {
                "status": updated.get_status_display()
            }
            if _is_htmx(request):
                return _read(request, updated, render_panel(request, updated, message=message))
            messages.success(request, message)
            return redirect(safe_next(request, reverse("enrolment_detail", args=[pk])))
    if _is_htmx(request):
        return _read(request, enrolment, render_panel(request, enrolment, transition_form=form))
    wanted = form.cleaned_data.get("to") if hasattr(form, "cleaned_data") else None
    _log(request, enrolment, _("Endring av status: navn, status og statushistorikk"))
    return render(
        request,
        "enrolments/transition_form.html",
        {
            "form": form,
            "enrolment": enrolment,
            "next": safe_next(request, ""),
            "back_url": safe_next(request, reverse("enrolment_detail", args=[pk])),
            # Admission refused (a full cohort): offer the waiting list in one click.
            "offer_waitlist": wanted == Status.VENTER_PA_OPPSTART
            and can_transition(enrolment.status, Status.VENTELISTE),
            "today": timezone.localdate(),
        },
    )


@roles(Role.COORDINATOR)
@require_POST
def waitlist_move(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_for_user(request, pk, write=True)
    form = WaitlistMoveForm(request.POST)
    error = message = ""
    if not form.is_valid():
        error = _("Ukjent retning.")
    else:
        try:
            moved = services.waitlist_move(
                by=request.user, enrolment=enrolment, direction=form.cleaned_data["direction"]
            )
        except ValidationError as err:
            error = " ".join(err.messages)
        else:
            message = _("%(name)s står nå som nummer %(position)s på ventelisten.") % {
                "name": enrolment.participant.full_name,
                "position": moved.waitlist_position,
            }
    if _is_htmx(request):
        cohort = enrolment.cohort
        return render(
            request,
            "enrolments/_partials/waitlist.html",
            {
                "cohort": cohort,
                "rows": selectors.cohort_waitlist(cohort=cohort, viewer=request),
                "error": error,
                "message": message,
                "next": reverse("cohort_applications", args=[cohort.pk]),
                **_row_context(),
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, message)
    return redirect("cohort_applications", pk=enrolment.cohort_id)


@roles(Role.COORDINATOR)
@require_POST
def participation_period_create(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_for_user(request, pk, write=True)
    form = ParticipationPeriodForm(request.POST)
    if form.is_valid():
        try:
            services.participation_period_create(
                by=request.user, enrolment=enrolment, **form.cleaned_data
            )
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            message = _("Deltakelsesprosenten er registrert.")
            if _is_htmx(request):
                return _read(request, enrolment, render_panel(request, enrolment, message=message))
            messages.success(request, message)
            return redirect(safe_next(request, reverse("enrolment_detail", args=[pk])))
    if _is_htmx(request):
        return _read(request, enrolment, render_panel(request, enrolment, period_form=form))
    _log(request, enrolment, _("Endring av deltakelsesprosent: navn og deltakelsesprosent"))
    return render(
        request,
        "enrolments/period_form.html",
        {
            "form": form,
            "enrolment": enrolment,
            "next": safe_next(request, ""),
            "back_url": safe_next(request, reverse("enrolment_detail", args=[pk])),
        },
    )
