"""The participant's privacy pages: overview, consents, and their own data."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.privacy import selectors, services
from brobygger.privacy.access import own_participant
from brobygger.privacy.export.display import for_display
from brobygger.privacy.export.services import build_export, data_export_log, export_as_json
from brobygger.privacy.forms import ConsentForm
from brobygger.privacy.retention.policy import retention_states, retention_years


def _access_log_url() -> str:
    """The read log page, once its app provides it."""
    try:
        return reverse("my_access_log")
    except NoReverseMatch:
        return ""


@roles(Role.PARTICIPANT)
@require_GET
def privacy_home(request: HttpRequest) -> HttpResponse:
    participant = own_participant(request)
    state = retention_states([participant.pk]).get(participant.pk)
    context = {
        "participant": participant,
        "access_log_url": _access_log_url(),
        "years": retention_years(),
        "due_on": state.due_on if state else None,
    }
    return render(request, "privacy/home.html", context)


def _render_consents(
    request: HttpRequest, form: ConsentForm | None = None, status: int = 200
) -> HttpResponse:
    participant = own_participant(request)
    context = {
        "purposes": selectors.consent_overview(participant=participant),
        "form": form,
    }
    return render(request, "privacy/consents.html", context, status=status)


@roles(Role.PARTICIPANT)
@require_GET
def my_consents(request: HttpRequest) -> HttpResponse:
    return _render_consents(request)


def _consent_change(request: HttpRequest, *, give: bool) -> HttpResponse:
    participant = own_participant(request)
    form = ConsentForm(request.POST)
    if form.is_valid():
        purpose = form.cleaned_data["purpose"]
        try:
            if give:
                services.consent_give(participant=participant, purpose=purpose, by=request.user)
            else:
                services.consent_withdraw(participant=participant, purpose=purpose, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Samtykket er registrert.") if give else _("Samtykket er trukket tilbake."),
            )
            return redirect("my_consents")
    return _render_consents(request, form, status=400)


@roles(Role.PARTICIPANT)
@require_POST
def my_consent_give(request: HttpRequest) -> HttpResponse:
    return _consent_change(request, give=True)


@roles(Role.PARTICIPANT)
@require_POST
def my_consent_withdraw(request: HttpRequest) -> HttpResponse:
    return _consent_change(request, give=False)


@roles(Role.PARTICIPANT)
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    participant = own_participant(request)
    export = build_export(participant=participant)
    data_export_log(by=request.user, participant=participant, fmt="html")
    context = {"export": export, "sections": for_display(export)}
    return render(request, "privacy/my_data.html", context)


@roles(Role.PARTICIPANT)
@require_GET
def my_data_download(request: HttpRequest) -> HttpResponse:
    participant = own_participant(request)
    export = build_export(participant=participant)
    data_export_log(by=request.user, participant=participant, fmt="json")
    response = HttpResponse(export_as_json(export), content_type="application/json; charset=utf-8")
    # No name in the file name: it ends up in download folders and browser histories.
    filename = f"brobygger-mine-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
