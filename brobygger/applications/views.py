"""The public application pages (issue 13): open cohorts, e-mail verification, the form and
the applicant's own list. No login is needed; a signed-in participant applies with their
record. Nothing here shows anything about other applicants."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brobygger.applications import selectors, services
from brobygger.applications import session as applicant_session
from brobygger.applications.forms import EmailForm, OnlineApplicationForm
from brobygger.applications.mail import send_verification
from brobygger.core.access import public
from brobygger.core.forms import add_service_errors
from brobygger.core.ratelimit import allow, hit
from brobygger.programmes.models import Cohort

# Links sent: per client address and per e-mail address, each per hour.
LINKS_PER_CLIENT = 10
LINKS_PER_ADDRESS = 3
LINK_WINDOW = 60 * 60


def _limits() -> tuple[int, int]:
    return (
        int(getattr(settings, "APPLICATION_LINKS_PER_CLIENT", LINKS_PER_CLIENT)),
        int(getattr(settings, "APPLICATION_LINKS_PER_ADDRESS", LINKS_PER_ADDRESS)),
    )


def _send_link(request: HttpRequest, form: EmailForm, cohort: Cohort | None) -> HttpResponse | None:
    """Send a verification link for the form's address; None (and an error on the form) if
    refused. The page after says the same whatever the address, so it reveals nothing."""
    per_client, per_address = _limits()
    email = services.normalise_email(form.cleaned_data["email"])
    if not allow(request, action="apply_link", limit=per_client, per_seconds=LINK_WINDOW):
        form.add_error(
            None, _("Det er sendt mange lenker herfra den siste timen. Prøv igjen senere.")
        )
        return None
    bucket = hashlib.sha256(email.encode()).hexdigest()  # the address is never a cache key
    if hit(bucket=bucket, action="apply_link_address", limit=per_address, per_seconds=LINK_WINDOW):
        form.add_error(
            "email",
            _(
                "Vi har sendt flere lenker til denne adressen den siste timen. "
                "Sjekk innboksen, eller prøv igjen senere."
            ),
        )
        return None
    issued = services.verification_issue(email=email, cohort=cohort)
    sent = send_verification(request, issued)  # after the service's transaction
    return render(
        request,
        "applications/link_sent.html",
        {"email": email, "sent": sent, "cohort": cohort},
    )


@public
@require_GET
def apply_index(request: HttpRequest) -> HttpResponse:
    cohorts = selectors.cohorts_open_for_applications(today=timezone.localdate())
    return render(request, "applications/index.html", {"cohorts": cohorts})


@public
@require_http_methods(["GET", "POST"])
def apply_start(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.cohort_for_applicant(pk)
    closed = selectors.application_closed_reason(cohort, today=timezone.localdate())
    if closed:
        return render(request, "applications/closed.html", {"message": closed}, status=410)
    if selectors.participant_of(request.user) or applicant_session.verified_email(request):
        return redirect("apply_form", pk=cohort.pk)
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = _send_link(request, form, cohort)
        if response is not None:
            return response
    return render(request, "applications/start.html", {"cohort": cohort, "form": form})


@public
@require_http_methods(["GET", "POST"])
def apply_verify(request: HttpRequest, code: str) -> HttpResponse:
    """GET asks for a click (mail scanners that open links do not use them up); POST uses
    the link once and remembers the address in the session."""
    try:
        if request.method != "POST":
            verification = services.verification_find(code)
            return render(request, "applications/verify.html", {"verification": verification})
        verification = services.verification_use(code=code)
    except ValidationError as err:
        return render(request, "applications/verify.html", {"error": err.messages[0]}, status=410)
    applicant_session.remember(request, verification.email)
    messages.success(request, _("E-postadressen er bekreftet."))
    if verification.cohort_id is not None:
        return redirect("apply_form", pk=verification.cohort_id)
    return redirect("apply_mine")


@public
@require_http_methods(["GET", "POST"])
def apply_form(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.cohort_for_applicant(pk)
    today = timezone.localdate()
    closed = selectors.application_closed_reason(cohort, today=today)
    if closed:
        return render(request, "applications/closed.html", {"message": closed}, status=410)
    participant = selectors.participant_of(request.user)
    email = (
        (participant.email or getattr(request.user, "email", ""))
        if participant
        else applicant_session.verified_email(request)
    )
    if participant is None and not email:
        return redirect("apply_start", pk=cohort.pk)
    initial = {}
    if participant is not None:
        initial = {
            "first_name": participant.first_name,
            "last_name": participant.last_name,
            "phone": participant.phone,
            "municipality": participant.municipality_id,
        }
    form = OnlineApplicationForm(request.POST or None, initial=initial)
    if participant is not None:
        # The record's name is used as it is; only contact details may change.
        for name in ("first_name", "last_name"):
            form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.online_application_submit(
                by=request.user if participant else None,
                cohort=cohort,
                email=email or "",
                participant=participant,
                today=today,
                **form.cleaned_data,
            )
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(
                request,
                _("Søknaden til «%(cohort)s» er sendt. Du finner den under «Mine søknader».")
                % {"cohort": cohort.name},
            )
            return redirect("apply_mine")
    return render(
        request,
        "applications/form.html",
        {
            "cohort": cohort,
            "form": form,
            "email": email,
            "signed_in": participant is not None,
            "consent_text": services.consent_text(),
        },
    )


@public
@require_http_methods(["GET", "POST"])
def apply_mine(request: HttpRequest) -> HttpResponse:
    participant = selectors.participant_of(request.user)
    email = applicant_session.verified_email(request)
    if participant is None and not email:
        form = EmailForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            response = _send_link(request, form, None)
            if response is not None:
                return response
        return render(request, "applications/mine_verify.html", {"form": form})
    applications = selectors.applications_of(email=email, participant=participant)
    return render(
        request,
        "applications/mine.html",
        {"applications": applications, "email": email, "participant": participant},
    )
