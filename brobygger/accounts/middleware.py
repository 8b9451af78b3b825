"""Session lifetime and the MFA gate (ADR 0007). Both sit after allauth's AccountMiddleware.

Neither adds a database query to an ordinary request of a fully logged-in user: the timestamps
and allauth's authentication records live in the session, and the role check behind
`mfa_required` fills the per-request membership cache the view's @roles check reads anyway.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from allauth.account import app_settings as account_settings
from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.reauthentication import get_reauthentication_flows
from allauth.account.models import EmailAddress
from allauth.mfa.internal.flows.add import validate_can_add_authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from brobygger.accounts import drafts, sessions
from brobygger.accounts.policy import has_second_factor, mfa_passed, mfa_required

# What a signed-in user who still owes the MFA step may reach: setting up an authenticator app,
# the MFA step itself, the password re-check allauth asks for before setup, and logging out.
MFA_SETUP = "mfa_activate_totp"
MFA_PENDING_ALLOWED = frozenset(
    {MFA_SETUP, "mfa_reauthenticate", "account_reauthenticate", "account_logout"}
)


class SessionLifetimeMiddleware:
    """Ends a session 30 minutes after its last request or 12 hours after login, whichever is
    first (settings.SESSION_IDLE_TIMEOUT / SESSION_ABSOLUTE_TIMEOUT)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        expired_user_id = None
        if SESSION_KEY in session:
            now = time.time()
            login_at = session.get(sessions.LOGIN_AT)
            seen_at = session.get(sessions.SEEN_AT, login_at)
            if login_at is None or seen_at is None or self._expired(now, login_at, seen_at):
                expired_user_id = session[SESSION_KEY]
                sessions.end_this_one(request)
                messages.warning(
                    request, _("Du ble logget ut fordi økten var utløpt. Logg inn igjen.")
                )
            elif not request.user.is_authenticated:
                # The backend refused the user (deactivated): drop the session for good.
                sessions.end_this_one(request)
            elif now - seen_at >= sessions.SEEN_RESOLUTION:
                session[sessions.SEEN_AT] = now
        response = self.get_response(request)
        if expired_user_id is not None and request.method == "POST":
            response = self._keep_draft(request, response, expired_user_id)
        return response

    @staticmethod
    def _keep_draft(request: HttpRequest, response: HttpResponse, user_id: Any) -> HttpResponse:
        """A form posted after the session ended, which the view answers by sending the person
        to log in: keep what it carried and come back to the form's page after login."""
        if not drafts.goes_to_login(response):
            return response
        page = drafts.return_path(request)
        if not drafts.keep(request, user_id=user_id, page=page):
            return response
        target = redirect_to_login(page).url
        if request.headers.get("HX-Request"):
            # htmx would swap the login page into a fragment; load it as a whole page instead.
            htmx = HttpResponse(status=204)
            htmx["HX-Redirect"] = target
            return htmx
        return HttpResponseRedirect(target)

    @staticmethod
    def _expired(now: float, login_at: float, seen_at: float) -> bool:
        # A clock that went backwards (now < seen_at) ends nothing.
        return (
            now - login_at >= settings.SESSION_ABSOLUTE_TIMEOUT
            or now - seen_at >= settings.SESSION_IDLE_TIMEOUT
        )


class RequireMFAMiddleware:
    """A signed-in user who needs MFA and whose session has not passed it sees only the MFA
    pages: setup when they have no authenticator app yet, otherwise the MFA step. If setup is
    impossible for now, the setup page says why and what to do, rather than redirecting."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not request.user.is_authenticated or mfa_passed(request):
            return None
        match = request.resolver_match
        if match is not None and match.view_name == MFA_SETUP:
            return self._setup_refused(request)
        if match is not None and match.view_name in MFA_PENDING_ALLOWED:
            return None
        if request.path.startswith(settings.STATIC_URL) or not mfa_required(request):
            return None
        if has_second_factor(request.user):
            target = reverse("mfa_reauthenticate")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
        else:
            target = reverse(MFA_SETUP)
        return _redirect(request, target)

    @staticmethod
    def _setup_refused(request: HttpRequest) -> HttpResponse | None:
        """The setup page, when allauth would refuse to set up an app for this user (an
        unverified e-mail address), explains what to do instead. allauth itself would send the
        user to `mfa_index` with an error, and this gate would send them straight back here:
        a redirect loop. Everything else a user without an app asks for leads here."""
        if not mfa_required(request) or has_second_factor(request.user):
            return None
        try:
            validate_can_add_authenticator(request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            context = {"unverified_email": error.code == "unverified_email", "error": error}
            return render(request, "accounts/mfa_setup_refused.html", context, status=403)
        return None


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        # htmx would swap the MFA page into a fragment; make it load the whole page instead.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class ReauthenticationGuardMiddleware:
    """Holes that allauth's re-authentication and ACCOUNT_CHANGE_EMAIL leave (ADR 0007,
    amendment of issue 10):

    - allauth counts a user with neither a usable password nor an MFA authenticator (a login by
      ID-porten or Entra ID only) as always re-authenticated: there is nothing to ask. Such a
      user cannot change e-mail addresses here (the page says what to do instead), and sets up an
      authenticator app only right after logging in, not from a session left open.
    - a crafted "make primary" post could still make an unverified address the user's address
      (allauth allows it while no address is verified). Only a verified address can be primary.
    """

    EMAIL = "account_email"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        view_name = match.view_name if match is not None else None
        if view_name not in (self.EMAIL, MFA_SETUP) or not request.user.is_authenticated:
            return None
        if not get_reauthentication_flows(request.user):  # type: ignore[arg-type]
            if view_name == self.EMAIL:
                context = {"reason": "email"}
            elif _logged_in_recently(request):
                return None
            else:
                context = {"reason": "setup"}
            return render(
                request, "accounts/reauthentication_unavailable.html", context, status=403
            )
        if (
            view_name == self.EMAIL
            and request.method == "POST"
            and "action_primary" in request.POST
        ):
            address = EmailAddress.objects.filter(
                user_id=request.user.pk, email__iexact=request.POST.get("email", "")
            ).first()
            if address is None or not address.verified:
                messages.error(
                    request,
                    _("Adressen må bekreftes før den kan brukes: åpne lenken vi sendte til den."),
                )
                return HttpResponseRedirect(reverse(self.EMAIL))
        return None


def _logged_in_recently(request: HttpRequest) -> bool:
    records = get_authentication_records(request, request.user)  # type: ignore[arg-type]
    last = max((float(record.get("at", 0)) for record in records), default=0.0)
    return time.time() - last < account_settings.REAUTHENTICATION_TIMEOUT
