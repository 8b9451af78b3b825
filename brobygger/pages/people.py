"""The people of an organisation beside the invitations sent to it: an organisation's users page
and «Gi tilgang» for an employer organisation. They combine organisations (or employment) with
invitations, which sits above both, so they live here (ADR 0024); URLs and names unchanged."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.employment.access import AREA_ROLES, employer_org_for_user
from brobygger.employment.forms import EmployerUserForm
from brobygger.employment.selectors import orgs as org_selectors
from brobygger.employment.views._helpers import add_service_errors
from brobygger.invitations import services as invitation_services
from brobygger.invitations.selectors import organisation_invitations
from brobygger.invitations.views import issued_page
from brobygger.organisations import selectors
from brobygger.organisations.access import USER_ADMIN_ROLES, grantable_roles, organisation_for_user


@roles(*USER_ADMIN_ROLES)
@require_GET
def organisation_users(request: HttpRequest, pk: int) -> HttpResponse:
    org = organisation_for_user(request, pk)
    context = {
        "org": org,
        "organisation": org,
        "people": selectors.organisation_people(org),
        "may_change": bool(grantable_roles(request, org)),
        "invitations": organisation_invitations(org),
    }
    return render(request, "organisations/organisation_users.html", context)


@roles(*AREA_ROLES)
@require_http_methods(["GET", "POST"])
def employer_user_add(request: HttpRequest, pk: int) -> HttpResponse:
    """«Gi tilgang»: an invitation to the employer role (invitations app), which the person
    takes with their own login."""
    org = employer_org_for_user(request, pk)
    form = EmployerUserForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = invitation_services.staff_invite(
                by=request.user, organisation=org, roles=[Role.EMPLOYER], **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return issued_page(request, issued, back=reverse("employer_user_add", args=[org.pk]))
    context = {
        "org": org,
        "form": form,
        "users": org_selectors.employer_users(org),
        "invitations": organisation_invitations(org),
    }
    return render(request, "employment/employer_user_form.html", context)
