"""Giving access (coordinators, administrators) and taking an invitation (the invited person)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brobygger.accesslog.services import record_access
from brobygger.accounts.models import Role
from brobygger.core.access import public, roles
from brobygger.core.forms import add_service_errors
from brobygger.core.ratelimit import allow
from brobygger.enrolments.access import enrolment_for_user
from brobygger.identity import config
from brobygger.identity.providers import providers_for
from brobygger.invitations import services
from brobygger.invitations import session as invitation_session
from brobygger.invitations.access import invitation_for_manager
from brobygger.invitations.forms import (
    CodeForm,
    NewLoginForm,
    ParticipantInviteForm,
    StaffInviteForm,
)
from brobygger.invitations.mail import send_invitation
from brobygger.invitations.models import Invitation, InvitationKind
from brobygger.invitations.selectors import latest_enrolment_id, participant_invitations
from brobygger.organisations.access import grantable_roles, organisation_for_user

SHOWN = _("Tilgang til Brobygger (innlogging)")
# Typed codes per client address: far too few to guess a 78-bit code, enough for typos.
CODE_ATTEMPTS, CODE_WINDOW = 10, 15 * 60


# --- The invited person ---------------------------------------------------------------------


@public
@require_GET
def invitation_open(request: HttpRequest, code: str) -> HttpResponse:
    """The e-mailed link: remember the invitation, then show it at a URL without the code."""
    invitation = services.find_by_code(code)
    if invitation is None:
        messages.error(request, _("Lenken er ikke gyldig. Sjekk at hele lenken ble med."))
    else:
        invitation_session.remember(request, invitation, via_link=True)
    return redirect("invitation_accept")


@public
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "code":
        return _typed_code(request)
    invitation, via_link = invitation_session.pending(request)
    if invitation is None:
        return _code_page(request, CodeForm())
    if not invitation.is_pending:
        invitation_session.forget(request)
        message = services.refusal_message(invitation, now=timezone.now())
        return _code_page(request, CodeForm(), refusal=message)
    user: Any = request.user
    if user.is_authenticated and not (
        invitation.user_id == user.pk and services.may_accept_as(invitation, user)
    ):
        return _render_invitation(request, invitation, other_login=True)
    if action == "accept" and user.is_authenticated:
        return _accept_signed_in(request, invitation, via_link)
    if action == "password" and not _providers(invitation) and invitation.user_id is None:
        return _new_login(request, invitation, via_link)
    return _render_invitation(request, invitation)


def _typed_code(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST)
    if not allow(request, action="invitation_code", limit=CODE_ATTEMPTS, per_seconds=CODE_WINDOW):
        form.is_valid()
        form.add_error(None, _("For mange forsøk. Vent et kvarter og prøv igjen."))
        return _code_page(request, form, status=429)
    if form.is_valid():
        invitation = services.find_by_code(form.cleaned_data["code"])
        if invitation is not None:
            invitation_session.remember(request, invitation, via_link=False)
            return redirect("invitation_accept")
        form.add_error("code", _("Vi fant ingen invitasjon med denne koden. Sjekk koden."))
    return _code_page(request, form)


def _code_page(
    request: HttpRequest, form: CodeForm, *, refusal: str = "", status: int = 200
) -> HttpResponse:
    context = {"form": form, "refusal": refusal}
    return render(request, "invitations/code.html", context, status=status)


def _providers(invitation: Invitation) -> list[Any]:
    kind = config.IDPORTEN if invitation.kind == InvitationKind.PARTICIPANT else config.ENTRA
    return providers_for(kind)


def _render_invitation(
    request: HttpRequest,
    invitation: Invitation,
    *,
    form: NewLoginForm | None = None,
    other_login: bool = False,
    status: int = 200,
) -> HttpResponse:
    providers = _providers(invitation)
    if form is None and not providers and invitation.user_id is None:
        form = NewLoginForm(initial={"username": invitation.email})
    context = {
        "invitation": invitation,
        "providers": providers,
        "form": form,
        "other_login": other_login,
        "needs_mfa": invitation.kind == InvitationKind.STAFF,
    }
    return render(request, "invitations/accept.html", context, status=status)


def _new_login(request: HttpRequest, invitation: Invitation, via_link: bool) -> HttpResponse:
    person = {"first_name": invitation.first_name, "last_name": invitation.last_name}
    if invitation.participant is not None:
        person = {
            "first_name": invitation.participant.first_name,
            "last_name": invitation.participant.last_name,
        }
    form = NewLoginForm(request.POST, person={**person, "email": invitation.email})
    if form.is_valid():
        try:
            user = services.account_create_for_invitation(
                invitation=invitation,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                email_verified=via_link,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            invitation_session.forget(request)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            _record_password_login(request, user)
            messages.success(request, _("Velkommen! Du er nå logget inn i Brobygger."))
            return redirect("home")
    return _render_invitation(request, invitation, form=form, status=400)


def _record_password_login(request: HttpRequest, user: Any) -> None:
    """The password was just chosen and typed: that is the password step allauth records at a
    login, so the authenticator-app setup that follows for staff needs no second password."""
    from allauth.account.internal.flows.login import record_authentication

    record_authentication(request, user, "password", username=user.get_username())


def _accept_signed_in(request: HttpRequest, invitation: Invitation, via_link: bool) -> HttpResponse:
    try:
        services.invitation_accept(
            invitation=invitation,
            user=request.user,  # type: ignore[arg-type]
            email_verified=via_link,
        )  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _render_invitation(request, invitation, status=400)
    invitation_session.forget(request)
    messages.success(
        request,
        _("Du har fått tilgang hos %(org)s.") % {"org": invitation.organisation.name},
    )
    return redirect("home")


# --- Giving access ----------------------------------------------------------------------------


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def participant_access(request: HttpRequest, pk: int) -> HttpResponse:
    """«Gi tilgang» from the participant's page: invite them to log in."""
    enrolment = enrolment_for_user(request, pk, write=request.method == "POST")
    participant = enrolment.participant
    record_access(request, participant, shown=SHOWN)
    form = ParticipantInviteForm(
        request.POST if request.method == "POST" else None,
        initial={"email": participant.email},
    )
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.participant_invite(
                by=request.user,
                participant=participant,
                organisation=enrolment.cohort.version.programme.organisation,
                email=form.cleaned_data["email"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return issued_page(request, issued, back=reverse("participant_access", args=[pk]))
    context = {
        "enrolment": enrolment,
        "participant": participant,
        "form": form,
        "invitations": participant_invitations(participant),
    }
    status = 400 if form.errors else 200
    return render(request, "invitations/participant_access.html", context, status=status)


@roles(Role.COORDINATOR, Role.ADMIN)
@require_http_methods(["GET", "POST"])
def staff_invite(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_for_user(request, pk)
    grantable = sorted(grantable_roles(request, organisation))
    form = StaffInviteForm(request.POST if request.method == "POST" else None, grantable=grantable)
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.staff_invite(
                by=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return issued_page(request, issued, back=_org_users_url(organisation.pk))
    context = {"organisation": organisation, "form": form, "back": _org_users_url(organisation.pk)}
    status = 400 if form.errors else 200
    return render(request, "invitations/staff_invite.html", context, status=status)


# The county coordinator gives employers access (employment's «Gi tilgang») and manages those.
MANAGERS = (Role.COORDINATOR, Role.COUNTY_COORDINATOR, Role.ADMIN)


@roles(*MANAGERS)
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = invitation_for_manager(request, pk)
    try:
        issued = services.invitation_resend(by=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_back_from(request, invitation))
    return issued_page(request, issued, back=_back_from(request, invitation))


@roles(*MANAGERS)
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = invitation_for_manager(request, pk)
    try:
        services.invitation_revoke(by=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Invitasjonen er trukket tilbake. Koden virker ikke lenger."))
    return redirect(_back_from(request, invitation))


def issued_page(request: HttpRequest, issued: services.Issued, *, back: str) -> HttpResponse:
    """After an invitation is made or resent: mail it, and show the code this once (only its
    hash is stored; signed-in pages are never cached)."""
    mail = send_invitation(request, issued)
    context = {"issued": issued, "invitation": issued.invitation, "mail": mail, "back": back}
    return render(request, "invitations/issued.html", context)


def _org_users_url(organisation_pk: int) -> str:
    return reverse("organisation_users", args=[organisation_pk])


def _back_from(request: HttpRequest, invitation: Invitation) -> str:
    """The page the list was on (the form's `next`), else the invitation's natural home."""
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return next_url
    if invitation.kind == InvitationKind.PARTICIPANT and invitation.participant_id:
        enrolment_id = latest_enrolment_id(invitation.participant_id)
        if enrolment_id is not None:
            return reverse("participant_access", args=[enrolment_id])
    return _org_users_url(invitation.organisation_id)
