"""The pages where an organisation's administrators make, list and revoke API clients. The API
itself is in v1.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brobygger.api import selectors, services
from brobygger.api.access import CLIENT_ADMIN_ROLES, client_of_organisation, organisation_for_user
from brobygger.api.forms import ApiClientForm, ApiClientRevokeForm
from brobygger.api.scopes import scope_label
from brobygger.core.access import roles
from brobygger.core.forms import add_service_errors


@roles(*CLIENT_ADMIN_ROLES)
@require_GET
def api_client_list(request: HttpRequest, pk: int) -> HttpResponse:
    org = organisation_for_user(request, pk)
    clients = [
        (client, [scope_label(s) for s in client.scopes])
        for client in selectors.organisation_clients(org)
    ]
    return render(request, "api/client_list.html", {"org": org, "clients": clients})


@roles(*CLIENT_ADMIN_ROLES)
@require_http_methods(["GET", "POST"])
def api_client_create(request: HttpRequest, pk: int) -> HttpResponse:
    org = organisation_for_user(request, pk)
    form = ApiClientForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.api_client_create(
                by=request.user,
                organisation=org,
                name=form.cleaned_data["name"],
                scopes=list(form.cleaned_data["scopes"]),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            # Shown this once, on this response (not after a redirect): only the hash is kept.
            context = {"org": org, "client": issued.client, "token": issued.token}
            return render(request, "api/client_created.html", context)
    return render(request, "api/client_form.html", {"org": org, "form": form})


@roles(*CLIENT_ADMIN_ROLES)
@require_http_methods(["GET", "POST"])
def api_client_revoke(request: HttpRequest, pk: int, client_pk: int) -> HttpResponse:
    org = organisation_for_user(request, pk)
    client = client_of_organisation(org, client_pk)
    form = ApiClientRevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.api_client_revoke(by=request.user, client=client)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("API-klienten er trukket tilbake. Tokenet virker ikke mer.")
            )
            return redirect("api_client_list", pk=org.pk)
    return render(request, "api/client_revoke.html", {"org": org, "client": client, "form": form})
