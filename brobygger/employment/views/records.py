"""Employment records for coordinators and caseworkers: the only pages showing the benefit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brobygger.accesslog.services import record_access
from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.core.concurrency import edit_token
from brobygger.core.pagination import paginate
from brobygger.employment import services
from brobygger.employment.access import employment_for_staff, employments_for_staff
from brobygger.employment.forms import (
    BenefitEndForm,
    BenefitForm,
    EmploymentEditForm,
    FundingForm,
    OutsideEmploymentForm,
    PercentForm,
    funding_formset,
    funding_rows,
)
from brobygger.employment.models import Employment
from brobygger.employment.selectors import employments as employment_selectors
from brobygger.employment.views._helpers import add_service_errors
from brobygger.enrolments.access import enrolment_for_user
from brobygger.organisations.models import Organisation, OrganisationKind

STAFF = (Role.COORDINATOR, Role.CASEWORKER)
EMPLOYMENTS_PER_PAGE = 50


@roles(*STAFF)
@require_GET
def employment_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    # Every record of the years, a page at a time (issue 16).
    pagination = paginate(
        request,
        employment_selectors.staff_queryset(employments_for_staff(request), today=today),
        per_page=EMPLOYMENTS_PER_PAGE,
    )
    rows = employment_selectors.staff_rows_of(pagination.page.object_list, today=today)
    return render(
        request, "employment/employment_list.html", {"rows": rows, "pagination": pagination}
    )


@roles(*STAFF)
@require_http_methods(["GET", "POST"])
def employment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Register a job the participant found outside Brobygger (pk: their enrolment)."""
    enrolment = enrolment_for_user(request, pk)
    employers = Organisation.objects.filter(kind=OrganisationKind.EMPLOYER).order_by("name")
    data = request.POST if request.method == "POST" else None
    form = OutsideEmploymentForm(data, employers=employers, initial={"benefit": "unknown"})
    formset = funding_formset(data)
    funding_errors: list[str] = []
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        try:
            employment = services.employment_register_outside(
                by=request.user,
                participant=enrolment.participant,
                funding=funding_rows(formset),
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            funding_errors = add_service_errors(form, exc)
        else:
            messages.success(request, _("Arbeidsforholdet er registrert."))
            return redirect("employment_detail", pk=employment.pk)
    context = {
        "enrolment": enrolment,
        "form": form,
        "formset": formset,
        "funding_errors": funding_errors,
    }
    # The form shows the participant's name; GET or a refused POST, a read (ADR 0009).
    record_access(
        request,
        enrolment.participant,
        shown=_("Skjema for nytt arbeidsforhold (navn)"),
        purpose=_("Oppfølging etter MB-utdanningen"),
        organisation_id=enrolment.cohort.version.programme.organisation_id,
    )
    return render(request, "employment/employment_create.html", context)


def _render_detail(
    request: HttpRequest,
    employment: Employment,
    *,
    percent_form: PercentForm | None = None,
    funding_form: FundingForm | None = None,
    funding_errors: list[str] | None = None,
    benefit_form: BenefitForm | None = None,
    benefit_end_form: BenefitEndForm | None = None,
) -> HttpResponse:
    row = employment_selectors.employment_row(employment, today=timezone.localdate())
    benefits = employment_selectors.benefit_periods(employment)
    record_access(
        request,
        employment.participant,
        shown=_("Arbeidsforhold med ytelse og finansiering"),
        purpose=_("Oppfølging etter MB-utdanningen"),
        organisation_id=None,
    )
    context: dict[str, Any] = {
        "row": row,
        "employment": employment,
        "percent_form": percent_form or PercentForm(prefix="percent"),
        "funding_form": funding_form or FundingForm(prefix="funding", require_all=True),
        "funding_errors": funding_errors or [],
        "benefits": benefits,
        "benefit_form": benefit_form or BenefitForm(prefix="benefit"),
        "benefit_end_form": benefit_end_form,
    }
    return render(request, "employment/employment_detail.html", context)


@roles(*STAFF)
@require_GET
def employment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, employment_for_staff(request, pk))


@roles(*STAFF)
@require_http_methods(["GET", "POST"])
def employment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    employment = employment_for_staff(request, pk)
    initial = {f: getattr(employment, f) for f in services.employments.EDITABLE}
    initial["edit_token"] = edit_token(employment, services.employments.EDITABLE)
    form = EmploymentEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.employment_update(by=request.user, employment=employment, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            form.renew_edit_token(exc)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect("employment_detail", pk=employment.pk)
    # GET, or a refused POST shown again with its errors: a read either way (ADR 0009).
    record_access(
        request,
        employment.participant,
        shown=_("Arbeidsforhold med ytelse (endring)"),
        purpose=_("Oppfølging etter MB-utdanningen"),
    )
    context = {"employment": employment, "form": form}
    return render(request, "employment/employment_edit.html", context)


@roles(*STAFF)
@require_POST
def employment_percent_add(request: HttpRequest, pk: int) -> HttpResponse:
    employment = employment_for_staff(request, pk)
    form = PercentForm(request.POST, prefix="percent")
    if form.is_valid():
        try:
            services.employment_percent_add(
                by=request.user, employment=employment, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Ny stillingsprosent er lagret."))
            return redirect("employment_detail", pk=employment.pk)
    return _render_detail(request, employment, percent_form=form)


@roles(*STAFF)
@require_POST
def employment_funding_add(request: HttpRequest, pk: int) -> HttpResponse:
    employment = employment_for_staff(request, pk)
    form = FundingForm(request.POST, prefix="funding", require_all=True)
    funding_errors: list[str] = []
    if form.is_valid():
        try:
            services.employment_funding_add(
                by=request.user, employment=employment, **form.cleaned_data
            )
        except ValidationError as exc:
            funding_errors = add_service_errors(form, exc)
        else:
            messages.success(request, _("Finansieringen er lagret."))
            return redirect("employment_detail", pk=employment.pk)
    return _render_detail(request, employment, funding_form=form, funding_errors=funding_errors)


@roles(*STAFF)
@require_POST
def employment_benefit_add(request: HttpRequest, pk: int) -> HttpResponse:
    employment = employment_for_staff(request, pk)
    form = BenefitForm(request.POST, prefix="benefit")
    if form.is_valid():
        try:
            services.employment_benefit_add(
                by=request.user, employment=employment, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Ytelsesperioden er lagret."))
            return redirect("employment_detail", pk=employment.pk)
    return _render_detail(request, employment, benefit_form=form)


@roles(*STAFF)
@require_POST
def employment_benefit_end(request: HttpRequest, pk: int) -> HttpResponse:
    employment = employment_for_staff(request, pk)
    form = BenefitEndForm(request.POST, prefix="benefit_end")
    if form.is_valid():
        try:
            services.employment_benefit_end(
                by=request.user, employment=employment, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Ytelsesperioden er avsluttet."))
            return redirect("employment_detail", pk=employment.pk)
    return _render_detail(request, employment, benefit_end_form=form)
