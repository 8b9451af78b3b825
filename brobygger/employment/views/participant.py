"""The participant's own candidate profile, consent, open positions and applications."""

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
from brobygger.core.access import roles
from brobygger.employment import services
from brobygger.employment.access import own_participant_or_404
from brobygger.employment.forms import ApplyForm, ProfileForm, PublishForm
from brobygger.employment.models import CandidateProfile, Position
from brobygger.employment.selectors import positions as position_selectors
from brobygger.employment.selectors import profiles as profile_selectors
from brobygger.enrolments.models import Participant
from brobygger.privacy.consents import CURRENT_VERSION
from brobygger.privacy.consents import consent_text as text_of
from brobygger.privacy.models import ConsentPurpose
from brobygger.privacy.selectors import has_consent

PURPOSE = ConsentPurpose.EMPLOYER_PROFILE
PROFILE_INITIAL = (
    "headline",
    "about",
    "work_wanted",
    "percent_wanted",
    "municipality",
    "area",
    "show_completion_year",
    "show_email",
)


def consent_text() -> str:
    return text_of(PURPOSE, CURRENT_VERSION[PURPOSE])


def _render_profile(
    request: HttpRequest,
    participant: Participant,
    *,
    form: ProfileForm | None = None,
    publish_form: PublishForm | None = None,
) -> HttpResponse:
    profile = profile_selectors.own_profile(participant)
    if form is None:
        initial = (
            {name: getattr(profile, name) for name in PROFILE_INITIAL}
            if profile
            else {"show_completion_year": True}
        )
        form = ProfileForm(initial=initial)
    consented = has_consent(participant.pk, PURPOSE)
    context: dict[str, Any] = {
        "form": form,
        "publish_form": publish_form or PublishForm(),
        "profile": profile,
        "eligible": profile_selectors.is_eligible(participant.pk),
        "consented": consented,
        "visible": bool(profile and profile.published and consented),
        "consent_text": consent_text(),
        "consent_version": CURRENT_VERSION[PURPOSE],
    }
    return render(request, "employment/my_profile.html", context)


@roles(Role.PARTICIPANT)
@require_http_methods(["GET", "POST"])
def my_profile(request: HttpRequest) -> HttpResponse:
    participant = own_participant_or_404(request)
    if request.method == "GET":
        return _render_profile(request, participant)
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            services.profile_save(by=request.user, participant=participant, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Profilen er lagret."))
            return redirect("my_profile")
    return _render_profile(request, participant, form=form)


@roles(Role.PARTICIPANT)
@require_POST
def my_profile_publish(request: HttpRequest) -> HttpResponse:
    participant = own_participant_or_404(request)
    publish_form = PublishForm(request.POST)
    if publish_form.is_valid():
        try:
            services.profile_publish(
                by=request.user, participant=participant, consent_confirmed=True
            )
        except ValidationError as exc:
            publish_form.add_error(None, exc)
        else:
            messages.success(request, _("Profilen din vises nå for arbeidsgivere."))
            return redirect("my_profile")
    return _render_profile(request, participant, publish_form=publish_form)


@roles(Role.PARTICIPANT)
@require_POST
def my_profile_unpublish(request: HttpRequest) -> HttpResponse:
    participant = own_participant_or_404(request)
    services.profile_unpublish(by=request.user, participant=participant)
    messages.success(
        request, _("Samtykket er trukket. Arbeidsgivere ser ikke lenger profilen din.")
    )
    return redirect("my_profile")


def _visible_profile_or_404(participant: Participant) -> CandidateProfile:
    """Positions are for candidates whose profile employers can see: applying shares it."""
    profile = profile_selectors.profiles_visible_to_employers().filter(participant=participant)
    found = profile.first()
    if found is None:
        raise Http404
    return found


@roles(Role.PARTICIPANT)
@require_GET
def my_positions(request: HttpRequest) -> HttpResponse:
    participant = own_participant_or_404(request)
    profile = profile_selectors.profiles_visible_to_employers().filter(participant=participant)
    visible = profile.exists()
    context = {
        "visible": visible,
        "positions": (
            position_selectors.open_positions_for(participant, today=timezone.localdate())
            if visible
            else []
        ),
        "cases": position_selectors.my_cases(participant),
    }
    return render(request, "employment/my_positions.html", context)


@roles(Role.PARTICIPANT)
@require_http_methods(["GET", "POST"])
def position_apply(request: HttpRequest, pk: int) -> HttpResponse:
    participant = own_participant_or_404(request)
    _visible_profile_or_404(participant)
    position: Position = position_selectors.open_position_or_404(pk, today=timezone.localdate())
    form = ApplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.hiring_apply(
                by=request.user,
                position=position,
                participant=participant,
                message=form.cleaned_data["message"],
                on=timezone.localdate(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Søknaden er sendt. Arbeidsgiveren ser nå profilen din."))
            return redirect("hiring_case_detail", pk=case.pk)
    return render(request, "employment/position_apply.html", {"position": position, "form": form})
