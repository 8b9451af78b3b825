"""Employer pages: own positions, own MB staff. Nothing here loads a benefit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brobygger.accesslog.services import record_access
from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.core.concurrency import edit_token
from brobygger.core.pagination import paginate
from brobygger.employment import services
from brobygger.employment.access import (
    employer_org_ids,
    employment_for_employer,
    employments_of_employer,
    position_for_user,
    positions_owned_by,
)
from brobygger.employment.forms import (
    NO_DESCRIPTION_HINT,
    PositionEditForm,
    PositionForm,
    funding_formset,
    funding_rows,
)
from brobygger.employment.selectors import employments as employment_selectors
from brobygger.employment.selectors import positions as position_selectors
from brobygger.employment.views._helpers import add_service_errors, funding_initial
from brobygger.organisations.models import Organisation, OrganisationKind

STAFF_PER_PAGE = 50


def _employers(request: HttpRequest) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        pk__in=employer_org_ids(request), kind=OrganisationKind.EMPLOYER
    ).order_by("name")


@roles(Role.EMPLOYER)
@require_GET
def employer_positions(request: HttpRequest) -> HttpResponse:
    rows = position_selectors.position_rows(positions_owned_by(request))
    cases = position_selectors.cases_of_employer(employer_org_ids(request))
    return render(request, "employment/employer_positions.html", {"rows": rows, "cases": cases})


def _position_form_page(
    request: HttpRequest, *, form: PositionForm, formset: Any, funding_errors: list[str], **ctx: Any
) -> HttpResponse:
    context = {
        "form": form,
        "formset": formset,
        "funding_errors": funding_errors,
        "description_hint": NO_DESCRIPTION_HINT,
        **ctx,
    }
    return render(request, "employment/position_form.html", context)


@roles(Role.EMPLOYER)
@require_http_methods(["GET", "POST"])
def position_create(request: HttpRequest) -> HttpResponse:
    employers = _employers(request)
    data = request.POST if request.method == "POST" else None
    form = PositionForm(data, employers=employers, initial={"is_open": True})
    formset = funding_formset(data)
    funding_errors: list[str] = []
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        try:
            position = services.position_create(
                by=request.user, funding=funding_rows(formset), **form.cleaned_data
            )
        except ValidationError as exc:
            funding_errors = add_service_errors(form, exc)
        else:
            if not position.description:
                messages.warning(
                    request, _("Stillingen er lagret, men mangler stillingsbeskrivelse.")
                )
            else:
                messages.success(request, _("Stillingen er lagret."))
            return redirect("position_detail", pk=position.pk)
    return _position_form_page(
        request, form=form, formset=formset, funding_errors=funding_errors, position=None
    )


@roles(Role.EMPLOYER)
@require_http_methods(["GET", "POST"])
def position_edit(request: HttpRequest, pk: int) -> HttpResponse:
    position = position_for_user(request, pk, write=True).position
    employers = _employers(request)
    if request.method == "POST":
        form = PositionEditForm(request.POST, employers=employers)
        formset = funding_formset(request.POST)
    else:
        names = services.positions.POSITION_FIELDS
        initial = {f: getattr(position, f) for f in names}
        initial["edit_token"] = edit_token(
            position, names, extra=services.positions.position_edit_extra(position)
        )
        form = PositionEditForm(
            initial={**initial, "employer": position.employer_id}, employers=employers
        )
        formset = funding_formset(initial=funding_initial(position.funding.all()), extra=1)
    funding_errors: list[str] = []
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        fields = dict(form.cleaned_data)
        fields.pop("employer")  # a position does not move between organisations
        try:
            services.position_update(
                by=request.user, position=position, funding=funding_rows(formset), **fields
            )
        except ValidationError as exc:
            funding_errors = add_service_errors(form, exc)
            form.renew_edit_token(exc)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect("position_detail", pk=position.pk)
    return _position_form_page(
        request, form=form, formset=formset, funding_errors=funding_errors, position=position
    )


@roles(Role.EMPLOYER, Role.COORDINATOR, Role.COUNTY_COORDINATOR)
@require_GET
def position_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = position_for_user(request, pk)
    position = access.position
    context = {
        "position": position,
        "is_owner": access.is_owner,
        "funding": list(position.funding.all()),
        # Candidates' names are the employer's business only.
        "cases": position_selectors.position_cases(position) if access.is_owner else [],
    }
    return render(request, "employment/position_detail.html", context)


@roles(Role.EMPLOYER)
@require_GET
def employer_employments(request: HttpRequest) -> HttpResponse:
    # The employer's staff over the years, a page at a time (issue 16).
    pagination = paginate(
        request,
        employment_selectors.employer_queryset(employments_of_employer(request)),
        per_page=STAFF_PER_PAGE,
    )
    rows = employment_selectors.employer_rows_of(
        pagination.page.object_list, today=timezone.localdate()
    )
    return render(
        request, "employment/employer_employments.html", {"rows": rows, "pagination": pagination}
    )


@roles(Role.EMPLOYER)
@require_GET
def employer_employment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employment = employment_for_employer(request, pk)
    row = employment_selectors.employment_row(employment, today=timezone.localdate())
    record_access(
        request,
        employment.participant_id,
        shown=_("Arbeidsforhold (arbeidsgiverens visning, uten ytelse)"),
        purpose=_("Oppfølging av egen ansatt"),
        organisation_id=employment.employer_id,
    )
    return render(request, "employment/employer_employment_detail.html", {"row": row})
