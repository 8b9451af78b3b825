"""Coordinators' view of their area: employer organisations and positions. Giving an employer
user access (an invitation) is pages.people (ADR 0024)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brobygger.core.access import roles
from brobygger.employment import services
from brobygger.employment.access import (
    AREA_ROLES,
    employer_orgs_in_area,
    positions_in_area,
)
from brobygger.employment.forms import EmployerOrgForm
from brobygger.employment.selectors import orgs as org_selectors
from brobygger.employment.selectors import positions as position_selectors
from brobygger.employment.views._helpers import add_service_errors


@roles(*AREA_ROLES)
@require_GET
def area_positions(request: HttpRequest) -> HttpResponse:
    rows = position_selectors.position_rows(positions_in_area(request))
    context = {
        "rows": rows,
        "missing_share": position_selectors.missing_description_share(rows),
    }
    return render(request, "employment/area_positions.html", context)


@roles(*AREA_ROLES)
@require_GET
def employer_org_list(request: HttpRequest) -> HttpResponse:
    orgs = org_selectors.employer_rows(employer_orgs_in_area(request))
    return render(request, "employment/employer_org_list.html", {"orgs": orgs})


@roles(*AREA_ROLES)
@require_http_methods(["GET", "POST"])
def employer_org_create(request: HttpRequest) -> HttpResponse:
    form = EmployerOrgForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.employer_org_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Arbeidsgiveren er registrert."))
            return redirect("employer_user_add", pk=org.pk)
    return render(request, "employment/employer_org_form.html", {"form": form})
