"""Employers browse candidate profiles (published + consented only) and invite."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from brobygger.accesslog.services import record_access
from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.employment import services
from brobygger.employment.access import positions_owned_by
from brobygger.employment.forms import CandidateFilterForm, InviteForm
from brobygger.employment.selectors import profiles as profile_selectors


def _invite_positions(request: HttpRequest):  # type: ignore[no-untyped-def]
    return positions_owned_by(request).filter(is_open=True).order_by("title")


def _render_detail(request: HttpRequest, pk: int, form: InviteForm | None = None) -> HttpResponse:
    card = profile_selectors.candidate_card(pk)
    record_access(
        request,
        card.participant_id,
        shown=_("Kandidatprofil"),
        purpose=_("Rekruttering"),
    )
    form = form or InviteForm(positions=_invite_positions(request))
    return render(request, "employment/candidate_detail.html", {"card": card, "form": form})


@roles(Role.EMPLOYER)
@require_GET
def candidate_list(request: HttpRequest) -> HttpResponse:
    form = CandidateFilterForm(request.GET)
    cards = profile_selectors.candidate_cards(county=form.county_or_all())
    return render(request, "employment/candidate_list.html", {"cards": cards, "form": form})


@roles(Role.EMPLOYER)
@require_GET
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, pk)


@roles(Role.EMPLOYER)
@require_POST
def candidate_invite(request: HttpRequest, pk: int) -> HttpResponse:
    card = profile_selectors.candidate_card(pk)  # 404 unless visible now
    form = InviteForm(request.POST, positions=_invite_positions(request))
    if form.is_valid():
        try:
            case = services.hiring_invite(
                by=request.user,
                position=form.cleaned_data["position"],
                participant=profile_selectors.participant_of(card),
                message=form.cleaned_data["message"],
                on=timezone.localdate(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Kandidaten er invitert."))
            return redirect("hiring_case_detail", pk=case.pk)
    return _render_detail(request, pk, form=form)
