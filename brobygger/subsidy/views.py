"""Thin views for wage subsidy agreements: parse, fetch-and-authorise (access.py), one service
or selector, render or redirect. The rates table pages are in views_rates.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brobygger.accesslog.services import record_access
from brobygger.accounts.models import Role
from brobygger.core.access import has_role, may_use, org_ids_for, roles, user_roles
from brobygger.core.concurrency import edit_token
from brobygger.core.forms import add_service_errors
from brobygger.core.months import add_months, month_end
from brobygger.enrolments.models import Participant
from brobygger.subsidy import selectors, services, views_rates
from brobygger.subsidy.access import (
    AgreementAccess,
    agreement_for_user,
    agreements_visible_to,
    participants_for_agreements,
)
from brobygger.subsidy.forms import (
    AgreementCreateForm,
    AgreementEditForm,
    RefundPeriodForm,
    TransitionForm,
)
from brobygger.subsidy.models import Agreement, AgreementStatus
from brobygger.subsidy.transitions import ALLOWED, EDITABLE, REFUNDABLE, WHO

TERMS = [
    "participant",
    "employer",
    "nav_office",
    "employment",
    "subsidy_type",
    "reduced_capacity",
    "start_date",
    "months",
    "monthly_wage_ore",
    "holiday_pay_rate",
    "pension_rate",
    "employer_tax_rate",
]


def _targets(request: HttpRequest, access: AgreementAccess) -> list[tuple[str, str]]:
    """The statuses this user may move the agreement to, from the transition table."""
    if not access.can_write:
        return []
    held = user_roles(request)
    labels = dict(AgreementStatus.choices)
    return [
        (to, str(labels[to]))
        for to in AgreementStatus.values
        if to in ALLOWED[access.agreement.status]
        and held & WHO[to]
        and (to != AgreementStatus.APPROVED or _may_approve(request, access))
    ]


def _may_approve(request: HttpRequest, access: AgreementAccess) -> bool:
    """A caseworker at the office, and not the one who drafted it when the office requires
    four-eyes approval (the service refuses either way)."""
    return access.can_approve and not services.approval_blocked_for(
        by=request.user, agreement=access.agreement
    )


def _refund_initial(detail: selectors.AgreementDetail) -> dict[str, Any]:
    """Suggest the first unclaimed months, up to a quarter, that are over."""
    today = timezone.localdate()
    open_months = [
        row.month
        for row in detail.months
        if not row.claimed and not row.ended and month_end(row.month) < today
    ]
    if not open_months:
        return {}
    start = open_months[0]
    last = min(add_months(start, 2), open_months[-1])
    return {"period_start": start, "period_end": month_end(last)}


def _render_detail(
    request: HttpRequest,
    access: AgreementAccess,
    *,
    transition_form: TransitionForm | None = None,
    refund_form: RefundPeriodForm | None = None,
) -> HttpResponse:
    agreement = access.agreement
    detail = selectors.agreement_detail(agreement)
    record_access(
        request,
        agreement.participant,
        shown=_("Avtale om lønnstilskudd: vilkår, lønn og refusjoner"),
        purpose=_("Oppfølging av lønnstilskudd"),
        organisation_id=agreement.nav_office_id,
    )
    targets = _targets(request, access)
    if transition_form is None and targets:
        transition_form = TransitionForm(targets=targets, initial={"on": timezone.localdate()})
    if refund_form is None and access.can_write and agreement.status in REFUNDABLE:
        refund_form = RefundPeriodForm(initial=_refund_initial(detail))
    context = {
        "access": access,
        "agreement": agreement,
        "detail": detail,
        "can_edit": access.can_write and agreement.status in EDITABLE,
        "awaits_other_approver": agreement.status == AgreementStatus.DRAFT
        and access.can_approve
        and services.approval_blocked_for(by=request.user, agreement=agreement),
        "transition_form": transition_form,
        "refund_form": refund_form,
    }
    return render(request, "subsidy/agreement_detail.html", context)


@roles(Role.COORDINATOR, Role.CASEWORKER, Role.EMPLOYER)
@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    context = {
        "agreements": selectors.agreement_list(agreements_visible_to(request)),
        "can_create": has_role(request, Role.COORDINATOR, Role.CASEWORKER),
        "can_see_rates": may_use(request, views_rates.rate_list),
    }
    return render(request, "subsidy/agreement_list.html", context)


@roles(Role.COORDINATOR, Role.CASEWORKER)
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    offices = sorted(org_ids_for(request, Role.CASEWORKER))
    form = AgreementCreateForm(
        request.POST if request.method == "POST" else None,
        participants=participants_for_agreements(request),
        initial={"nav_office": offices[0] if offices else None, "drafted_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(by=request.user, **form.cleaned_data)
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(request, _("Avtalen er lagret som utkast."))
            return redirect("subsidy_agreement_detail", pk=agreement.pk)
    return render(request, "subsidy/agreement_form.html", {"form": form, "agreement": None})


@roles(Role.COORDINATOR, Role.CASEWORKER, Role.EMPLOYER)
@require_GET
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, agreement_for_user(request, pk))


def _participants_for_edit(request: HttpRequest, agreement: Agreement) -> QuerySet[Participant]:
    # A caseworker may hold the agreement through the NAV office without seeing the
    # participant's enrolment; the current participant stays a valid choice.
    return Participant.objects.filter(
        pk__in=participants_for_agreements(request).values("pk")
    ) | Participant.objects.filter(pk=agreement.participant_id)


@roles(Role.COORDINATOR, Role.CASEWORKER)
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = agreement_for_user(request, pk, write=True).agreement
    if agreement.status not in EDITABLE:
        messages.error(request, _("Bare utkast kan endres."))
        return redirect("subsidy_agreement_detail", pk=agreement.pk)
    initial = {name: getattr(agreement, name) for name in TERMS}
    initial["edit_token"] = edit_token(agreement, TERMS)
    form = AgreementEditForm(
        request.POST if request.method == "POST" else None,
        participants=_participants_for_edit(request, agreement),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(by=request.user, agreement=agreement, **form.cleaned_data)
        except ValidationError as err:
            add_service_errors(form, err)
            form.renew_edit_token(err)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect("subsidy_agreement_detail", pk=agreement.pk)
    # GET, or a refused POST shown again with its errors: a read either way (ADR 0009).
    record_access(
        request,
        agreement.participant,
        shown=_("Utkast til avtale om lønnstilskudd: vilkår og lønn"),
        purpose=_("Oppfølging av lønnstilskudd"),
        organisation_id=agreement.nav_office_id,
    )
    return render(request, "subsidy/agreement_form.html", {"form": form, "agreement": agreement})


@roles(Role.COORDINATOR, Role.CASEWORKER)
@require_POST
def agreement_transition(request: HttpRequest, pk: int) -> HttpResponse:
    access = agreement_for_user(request, pk, write=True)
    # Offer every status in the form; the service checks the table and who may do it.
    form = TransitionForm(
        request.POST, targets=[(value, str(label)) for value, label in AgreementStatus.choices]
    )
    if form.is_valid():
        try:
            services.agreement_transition(
                by=request.user, agreement=access.agreement, **form.cleaned_data
            )
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(request, _("Statusen er endret."))
            return redirect("subsidy_agreement_detail", pk=pk)
    form.fields["to"].choices = _targets(request, access)  # type: ignore[attr-defined]
    return _render_detail(request, access, transition_form=form)


@roles(Role.COORDINATOR, Role.CASEWORKER)
@require_POST
def refund_period_create(request: HttpRequest, pk: int) -> HttpResponse:
    access = agreement_for_user(request, pk, write=True)
    form = RefundPeriodForm(request.POST)
    if form.is_valid():
        try:
            services.refund_period_create(
                by=request.user, agreement=access.agreement, **form.cleaned_data
            )
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(request, _("Refusjonsperioden er registrert."))
            return redirect("subsidy_agreement_detail", pk=pk)
    return _render_detail(request, access, refund_form=form)
