"""The participant's page (status, attendance, practice, assignment, diploma, employment,
privacy: each app's panel), the completion actions on it, and the participant's own progress.

A page of several apps' panels sits above them all (ADR 0024): moved here from completion.views
with the URLs and URL names unchanged; the templates stay in completion/.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from brobygger.accesslog.services import record_access
from brobygger.accounts.models import Role
from brobygger.assessments import panels as assessment_panels
from brobygger.attendance import panels as attendance_panels
from brobygger.calendarfeed import panels as calendarfeed_panels
from brobygger.calendarfeed.selectors import TIMETABLE_STATUSES
from brobygger.completion import selectors, services
from brobygger.completion.forms import CompletionForm
from brobygger.core.access import roles
from brobygger.core.forms import add_service_errors
from brobygger.diplomas import panels as diploma_panels
from brobygger.employment import panels as employment_panels
from brobygger.enrolments import panels as enrolment_panels
from brobygger.enrolments.access import enrolment_for_user
from brobygger.enrolments.models import Enrolment, Status
from brobygger.placements import panels as placement_panels
from brobygger.privacy import panels as privacy_panels


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _app_panels(request: HttpRequest, enrolment: Enrolment) -> list[SafeString]:
    """The other apps' sections of a participant's page (status history, attendance, practice,
    assignment), each scoped by its app to what the user may see; empty ones are left out."""
    sources = [
        enrolment_panels,
        attendance_panels,
        placement_panels,
        assessment_panels,
        diploma_panels,
        employment_panels,
        privacy_panels,
    ]
    rendered = [source.enrolment_panel(request, enrolment) for source in sources]
    return [html for html in rendered if html.strip()]


def _render_detail(
    request: HtmxHttpRequest,
    enrolment: Enrolment,
    *,
    form: CompletionForm | None = None,
    partial: bool = False,
    log: bool = False,
) -> HttpResponse:
    page = selectors.enrolment_page(request=request, enrolment=enrolment)
    if form is None:
        form = CompletionForm(eligible=page.progress.eligible)
    else:
        form.set_eligible(page.progress.eligible)
    context = {
        "page": page,
        "enrolment": enrolment,
        "participant": enrolment.participant,
        "progress": page.progress,
        "form": form,
        "can_complete": page.is_manager
        and enrolment.status == Status.DELTAR
        and page.pending is None,
        "can_approve": page.is_manager
        and page.pending is not None
        and page.pending.confirmed_by_id != request.user.pk,
    }
    if partial:
        response = render(request, "completion/_partials/completion_section.html", context)
        shown = _("Fullføring: framdrift og hva som mangler")
    else:
        context["panels"] = _app_panels(request, enrolment)
        response = render(request, "completion/enrolment_detail.html", context)
        shown = (
            _("Deltakersiden: kontaktopplysninger, status, oppmøte, praksis og oppgave")
            if page.is_manager
            else _("Deltakersiden: status, oppmøte, praksis og oppgave")
        )
    if log:
        # One read-log entry for the whole page; the panels do not log on their own.
        record_access(
            request,
            enrolment.participant,
            shown=shown,
            organisation_id=enrolment.cohort.version.programme.organisation_id
            if page.is_manager
            else enrolment.referring_organisation_id,
        )
    return response


@roles(Role.COORDINATOR, Role.CASEWORKER)
@require_GET
def enrolment_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_for_user(request, pk)
    return _render_detail(request, enrolment, log=True)


@roles(Role.COORDINATOR)
@require_POST
def completion_confirm(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_for_user(request, pk, write=True)
    form = CompletionForm(request.POST)
    if form.is_valid():
        try:
            completion = services.completion_confirm(
                by=request.user,
                enrolment=enrolment,
                completed_on=form.cleaned_data["completed_on"],
                exception_reason=form.cleaned_data["exception_reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if completion.is_pending:
                message = _(
                    "Fullføringen er registrert som unntak og venter på godkjenning av en "
                    "annen koordinator."
                )
            elif completion.is_exception:
                message = _("Fullføringen er registrert som unntak.")
            else:
                message = _("Fullføringen er registrert.")
            messages.success(request, message)
            url = reverse("enrolment_detail", args=[enrolment.pk])
            if request.htmx:
                return HttpResponseClientRedirect(url)
            return redirect(url)
    # Refused: the record (or its completion section) again with the errors is a read (ADR 0009).
    return _render_detail(request, enrolment, form=form, partial=bool(request.htmx), log=True)


@roles(Role.COORDINATOR)
@require_POST
def completion_approve(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The second coordinator approves a completion exception (four-eyes approval)."""
    enrolment = enrolment_for_user(request, pk, write=True)
    try:
        services.completion_approve(by=request.user, enrolment=enrolment)
    except ValidationError as exc:
        form = CompletionForm()
        form.cleaned_data = {}  # no input to validate: the service's refusal is the error
        add_service_errors(form, exc)
        # Refused: the record again with the message is a read (ADR 0009).
        return _render_detail(request, enrolment, form=form, partial=bool(request.htmx), log=True)
    messages.success(request, _("Unntaket er godkjent, og fullføringen er registrert."))
    url = reverse("enrolment_detail", args=[enrolment.pk])
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


@roles(Role.PARTICIPANT)
@require_GET
def my_progress(request: HtmxHttpRequest) -> HttpResponse:
    items = selectors.my_enrolments(request)
    sections = [
        (item, _app_panels(request, item.enrolment)) if item.progress is not None else (item, [])
        for item in items
    ]
    timetable = (
        calendarfeed_panels.my_timetable_panel(request)
        if any(item.enrolment.status in TIMETABLE_STATUSES for item in items)
        else ""
    )
    context = {
        "sections": sections,
        "timetable": timetable,
        # This week's timesheet first in main (issue 14, finding 5).
        "this_week": placement_panels.this_week_timesheet(request),
    }
    return render(request, "completion/my_progress.html", context)
