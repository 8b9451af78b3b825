"""The rates table: everyone who works with agreements may read it; administrators add rows
(a change is always a new row from a later date) and withdraw rows not yet in force."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brobygger.accounts.models import Role
from brobygger.core.access import has_role, roles
from brobygger.core.forms import add_service_errors
from brobygger.core.months import add_months, month_start
from brobygger.subsidy import selectors, services
from brobygger.subsidy.forms import RateForm
from brobygger.subsidy.models import SubsidyRate


@roles(Role.ADMIN, Role.COORDINATOR, Role.CASEWORKER)
@require_GET
def rate_list(request: HttpRequest) -> HttpResponse:
    context = {
        "groups": selectors.rate_table(today=timezone.localdate()),
        "can_edit": has_role(request, Role.ADMIN),
    }
    return render(request, "subsidy/rate_list.html", context)


def _initial(request: HttpRequest) -> tuple[dict[str, Any], SubsidyRate | None]:
    """Prefill from the row being "changed" (?fra=<id>), from the first day of next month."""
    next_month = add_months(month_start(timezone.localdate()), 1)
    source_id = request.GET.get("fra", "")
    source = (
        selectors.rate_by_id(int(source_id))
        if source_id.isdigit() and len(source_id) <= 9
        else None
    )
    if source is None:
        return {"valid_from": next_month}, None
    fields = ["subsidy_type", "reduced_capacity", "phase", "percent", "phase_months", "max_months"]
    initial: dict[str, Any] = {name: getattr(source, name) for name in fields}
    initial["valid_from"] = max(next_month, add_months(source.valid_from, 1))
    return initial, source


@roles(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def rate_create(request: HttpRequest) -> HttpResponse:
    initial, source = _initial(request)
    form = RateForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.rate_add(by=request.user, **form.cleaned_data)
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(request, _("Den nye satsen er lagret. Tidligere satser er uendret."))
            return redirect("subsidy_rate_list")
    return render(request, "subsidy/rate_form.html", {"form": form, "source": source})


@roles(Role.ADMIN)
@require_POST
def rate_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    rate = selectors.rate_by_id(pk)
    if rate is None:
        raise Http404
    try:
        services.rate_withdraw(by=request.user, rate=rate)
    except ValidationError as err:
        messages.error(request, " ".join(err.messages))
    else:
        messages.success(request, _("Den planlagte satsen er fjernet."))
    return redirect("subsidy_rate_list")
