"""Issue, download and invalidate diplomas; the public check page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brobygger.accesslog.services import record_access
from brobygger.accounts.models import Role
from brobygger.completion.models import Completion
from brobygger.core.access import public, roles
from brobygger.core.forms import add_service_errors
from brobygger.core.ratelimit import allow
from brobygger.diplomas import selectors, services
from brobygger.diplomas.access import diploma_for_user
from brobygger.diplomas.forms import InvalidateForm, VerifyForm
from brobygger.diplomas.pdf import render_diploma
from brobygger.enrolments.access import enrolment_for_user

CHECKS_PER_WINDOW = 30
WINDOW_SECONDS = 10 * 60


@roles(Role.COORDINATOR)
@require_POST
def diploma_issue(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_for_user(request, pk, write=True)
    completion = Completion.objects.filter(enrolment=enrolment).first()
    if completion is None:
        messages.error(request, _("Vitnemål kan bare utstedes når fullføringen er bekreftet."))
        return redirect("enrolment_detail", pk=enrolment.pk)
    replaces = selectors.diploma_history(completion.pk).latest
    try:
        diploma = services.diploma_issue(completion=completion, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("enrolment_detail", pk=enrolment.pk)
    if replaces is None:
        text = _("Vitnemålet er utstedt, med kontrollkode %(code)s.")
    else:
        text = _(
            "Et nytt vitnemål er utstedt, med kontrollkode %(code)s. Det ugyldige vitnemålet "
            "(%(old)s) er fortsatt ugyldig."
        )
    old = replaces.display_code if replaces else ""
    messages.success(request, text % {"code": diploma.display_code, "old": old})
    return redirect("enrolment_detail", pk=enrolment.pk)


@roles(Role.COORDINATOR, Role.PARTICIPANT)
@require_GET
def diploma_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    diploma = diploma_for_user(request, pk)
    if not diploma.is_valid:
        raise Http404
    enrolment = diploma.completion.enrolment
    if enrolment.participant.user_id != request.user.pk:
        record_access(
            request,
            enrolment.participant,
            shown=_("Vitnemål (PDF)"),
            purpose=_("Utskrift av vitnemål"),
            organisation_id=diploma.completion.version.programme.organisation_id,
        )
    verify_url = request.build_absolute_uri(reverse("diploma_verify"))
    pdf = render_diploma(selectors.diploma_facts(diploma), verify_url=verify_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="vitnemal-{diploma.code}.pdf"'
    return response


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def diploma_invalidate(request: HttpRequest, pk: int) -> HttpResponse:
    diploma = diploma_for_user(request, pk, write=True)
    form = InvalidateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.diploma_invalidate(
                diploma=diploma, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Vitnemålet er gjort ugyldig."))
            return redirect("enrolment_detail", pk=diploma.completion.enrolment_id)
    return render(request, "diplomas/invalidate.html", {"diploma": diploma, "form": form})


@public
@require_GET
def diploma_verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    result = None
    status = 200
    if form.is_bound and form.is_valid():
        if allow(
            request, action="diploma_verify", limit=CHECKS_PER_WINDOW, per_seconds=WINDOW_SECONDS
        ):
            result = selectors.verify(form.cleaned_data["kode"])
        else:
            status = 429
    return render(
        request,
        "diplomas/verify.html",
        {"form": form, "result": result, "limited": status == 429},
        status=status,
    )
