"""The participant's "Hvem har sett mine opplysninger", the admin's review of denied and
flagged look-ups, and protecting a participant (skjerming)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brobygger.accesslog import hidden_names, protection, selectors
from brobygger.accesslog.forms import HiddenStaffNameForm, ProtectionForm
from brobygger.accesslog.services import record_access
from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.core.forms import add_service_errors
from brobygger.core.verify import latest_chain_check
from brobygger.enrolments.access import enrolment_for_user
from brobygger.enrolments.models import Enrolment

PER_PAGE = 25


@roles(Role.PARTICIPANT)
@require_GET
def my_access_log(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.own_access_events(request), PER_PAGE).get_page(
        request.GET.get("side")
    )
    lines = [selectors.describe(event) for event in page.object_list]
    return render(request, "accesslog/my_access_log.html", {"page": page, "lines": lines})


@roles(Role.ADMIN)
@require_GET
def access_log_review(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("vis", "alle")
    if kind not in selectors.REVIEW_FILTERS:
        kind = "alle"
    page = Paginator(selectors.review_events(kind), PER_PAGE).get_page(request.GET.get("side"))
    return render(
        request,
        "accesslog/access_log_review.html",
        {
            "page": page,
            "rows": [(event, selectors.role_label(event.actor_role)) for event in page.object_list],
            "kind": kind,
            "kinds": [("alle", _("Alle")), ("avviste", _("Avviste")), ("flaggede", _("Flaggede"))],
            # The daily `verify_audit` run (ADR 0013): a broken chain is shown here.
            "chain_check": latest_chain_check(),
        },
    )


def _organisation(enrolment: Enrolment) -> object:
    return enrolment.cohort.version.programme.organisation


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def participant_protection(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_for_user(request, pk, write=True)
    participant = enrolment.participant
    candidates = selectors.grant_candidates(participant)
    rows = selectors.named_users(participant, candidates)
    initial = {
        "reason": participant.protected_reason,
        "reason_text": participant.protected_reason_text,
        "users": [row.user.pk for row in rows if row.granted],
    }
    form = ProtectionForm(
        request.POST if request.method == "POST" else None,
        candidates=candidates,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        was_protected = participant.is_protected
        try:
            protection.participant_protect(
                participant=participant,
                by=request.user,
                reason=form.cleaned_data["reason"],
                reason_text=form.cleaned_data["reason_text"],
                users=form.cleaned_data["users"],
                organisation=_organisation(enrolment),
            )
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(
                request,
                _("Skjermingen er oppdatert.")
                if was_protected
                else _("Deltakeren er skjermet. Bare de som er valgt, ser deltakeren nå."),
            )
            return redirect("participant_protection", pk=enrolment.pk)
    # GET, or a refused POST shown again with its errors: a read either way (ADR 0009).
    record_access(
        request,
        participant,
        shown=_("Skjerming: grunn og hvem som har tilgang"),
        purpose=_("Skjerming av deltakeren"),
        organisation_id=enrolment.cohort.version.programme.organisation_id,
    )
    selected = {str(pk) for pk in (form["users"].value() or [])}
    return render(
        request,
        "accesslog/participant_protection.html",
        {
            "enrolment": enrolment,
            "participant": participant,
            "form": form,
            "rows": rows,
            "selected": selected,
        },
    )


@roles(Role.COORDINATOR)
@require_POST
def participant_unprotect(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_for_user(request, pk, write=True)
    protection.participant_unprotect(
        participant=enrolment.participant, by=request.user, organisation=_organisation(enrolment)
    )
    messages.success(request, _("Skjermingen er opphevet."))
    return redirect("enrolment_detail", pk=enrolment.pk)


@roles(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def hidden_staff_names(request: HttpRequest) -> HttpResponse:
    """Staff whose names participants do not see in their read log (the exception)."""
    form = HiddenStaffNameForm(
        request.POST if request.method == "POST" else None, staff=selectors.staff_users()
    )
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["user"]
        try:
            hidden_names.staff_name_hide(
                user=user,
                reason=form.cleaned_data["reason"],
                reason_text=form.cleaned_data["reason_text"],
                by=request.user,
            )
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(
                request,
                _("Navnet til %(name)s vises ikke lenger i deltakernes innsynslogg.")
                % {"name": user.get_full_name() or user.username},
            )
            return redirect("hidden_staff_names")
    return render(
        request,
        "accesslog/hidden_staff_names.html",
        {"form": form, "rows": list(selectors.hidden_staff_names())},
    )


@roles(Role.ADMIN)
@require_POST
def hidden_staff_name_remove(request: HttpRequest, pk: int) -> HttpResponse:
    hidden = selectors.hidden_staff_name(pk)
    user = hidden.user
    hidden_names.staff_name_show(hidden=hidden, by=request.user)
    messages.success(
        request,
        _("Navnet til %(name)s vises igjen i deltakernes innsynslogg.")
        % {"name": user.get_full_name() or user.username},
    )
    return redirect("hidden_staff_names")
