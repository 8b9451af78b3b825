"""Organisations (administrators) and the people of an organisation (administrators, and
coordinators for their own organisations): roles, last login, ending a membership."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.core.concurrency import edit_token
from brobygger.core.formatting import format_day
from brobygger.core.forms import add_service_errors
from brobygger.organisations import selectors, services
from brobygger.organisations.access import (
    USER_ADMIN_ROLES,
    grantable_roles,
    member_for_user,
    organisation_for_admin,
    organisation_for_user,
    organisations_managed_by,
)
from brobygger.organisations.forms import (
    MemberRolesForm,
    MembershipEndForm,
    OrganisationEditForm,
    OrganisationFilterForm,
    OrganisationForm,
)

PAGE_SIZE = 50


@roles(Role.ADMIN)
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    filters = OrganisationFilterForm(request.GET)
    rows = selectors.organisation_rows(**filters.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    context = {"filters": filters, "page": page, "query": query.urlencode()}
    return render(request, "organisations/organisation_list.html", context)


@roles(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organisation_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Organisasjonen er registrert."))
            return redirect("organisation_users", pk=org.pk)
    return render(request, "organisations/organisation_form.html", {"form": form, "org": None})


@roles(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = organisation_for_admin(request, pk)
    initial = {
        "name": org.name,
        "kind": org.kind,
        "orgnr": org.orgnr,
        "municipality": org.municipality_id,
        "four_eyes_approval": org.four_eyes_approval,
        "edit_token": edit_token(org, services.ORGANISATION_EDIT_FIELDS),
    }
    form = OrganisationEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(by=request.user, organisation=org, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            form.renew_edit_token(exc)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect("organisation_list")
    return render(request, "organisations/organisation_form.html", {"form": form, "org": org})


@roles(Role.COORDINATOR)
@require_GET
def my_organisations(request: HttpRequest) -> HttpResponse:
    """A coordinator's way in: straight to the people of their organisation, or a choice."""
    orgs = selectors.organisations_of_coordinator(organisations_managed_by(request))
    if len(orgs) == 1:
        return redirect("organisation_users", pk=orgs[0].pk)
    return render(request, "organisations/my_organisations.html", {"orgs": orgs})


@roles(*USER_ADMIN_ROLES)
@require_http_methods(["GET", "POST"])
def organisation_member_roles(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    org = organisation_for_user(request, pk)
    member = member_for_user(org, user_pk)
    grantable = grantable_roles(request, org)
    person = selectors.organisation_person(org, member)
    held = set(person.roles) if person and not person.ended else set()
    form = MemberRolesForm(
        request.POST if request.method == "POST" else None,
        grantable=grantable,
        initial={
            "roles": sorted(held & grantable),
            "edit_token": services.member_roles_token(user=member, organisation=org),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            change = services.member_roles_set(
                by=request.user,
                organisation=org,
                user=member,
                roles=form.cleaned_data["roles"],
                edit_token=form.cleaned_data["edit_token"],
            )
        except ValidationError as exc:
            form.renew_edit_token(exc)
            add_service_errors(form, exc)
        else:
            if change.ended:
                messages.success(
                    request, _("Alle rollene er fjernet. Medlemskapet er avsluttet fra i dag.")
                )
            elif change.changed:
                messages.success(request, _("Rollene er endret."))
            else:
                messages.info(request, _("Ingen endringer."))
            return redirect("organisation_users", pk=org.pk)
    context = {
        "org": org,
        "member": member,
        "person": person,
        "form": form,
        # Roles the user may not change here, shown so nobody thinks they were removed.
        "kept": [Role(r).label for r in sorted(held - grantable, key=Role.values.index)],
    }
    return render(request, "organisations/member_roles.html", context)


@roles(*USER_ADMIN_ROLES)
@require_http_methods(["GET", "POST"])
def organisation_member_end(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    org = organisation_for_user(request, pk)
    member = member_for_user(org, user_pk)
    form = MembershipEndForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                by=request.user, organisation=org, user=member, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Medlemskapet avsluttes fra %(date)s.")
                % {"date": format_day(form.cleaned_data["ends_on"])},
            )
            return redirect("organisation_users", pk=org.pk)
    context = {
        "org": org,
        "member": member,
        "person": selectors.organisation_person(org, member),
        "form": form,
    }
    return render(request, "organisations/member_end.html", context)
