"""Administrators keep the directory of county coordinators."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brobygger.accounts.models import Role
from brobygger.contacts import selectors, services
from brobygger.contacts.access import directory_entry
from brobygger.contacts.forms import DirectoryEntryEditForm, DirectoryEntryForm
from brobygger.core.access import roles
from brobygger.core.concurrency import edit_token


@roles(Role.ADMIN)
@require_GET
def coordinator_list(request: HttpRequest) -> HttpResponse:
    counties = selectors.directory_by_county()
    context = {"counties": counties, "covered": selectors.counties_covered(counties)}
    return render(request, "contacts/coordinator_list.html", context)


@roles(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def coordinator_create(request: HttpRequest) -> HttpResponse:
    form = DirectoryEntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.county_coordinator_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            flash.success(request, _("Fylkeskoordinatoren er lagt til i oversikten."))
            return redirect("county_coordinator_list")
    return render(request, "contacts/coordinator_form.html", {"form": form, "entry": None})


@roles(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def coordinator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = directory_entry(pk)
    initial = {
        "county": entry.county_id,
        "name": entry.name,
        "title": entry.title,
        "email": entry.email,
        "phone": entry.phone,
        "edit_token": edit_token(entry, services.DIRECTORY_EDIT_FIELDS),
    }
    form = DirectoryEntryEditForm(
        request.POST if request.method == "POST" else None, initial=initial, editing=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.county_coordinator_update(by=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            form.renew_edit_token(exc)
        else:
            flash.success(request, _("Endringene er lagret."))
            return redirect("county_coordinator_list")
    return render(request, "contacts/coordinator_form.html", {"form": form, "entry": entry})


def _set_active(request: HttpRequest, pk: int, *, active: bool) -> HttpResponse:
    entry = directory_entry(pk)
    try:
        services.county_coordinator_set_active(by=request.user, entry=entry, active=active)
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    else:
        if active:
            flash.success(request, _("%(name)s vises igjen i oversikten.") % {"name": entry.name})
        else:
            flash.success(
                request, _("%(name)s vises ikke lenger i oversikten.") % {"name": entry.name}
            )
    return redirect("county_coordinator_list")


@roles(Role.ADMIN)
@require_POST
def coordinator_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=False)


@roles(Role.ADMIN)
@require_POST
def coordinator_activate(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=True)
