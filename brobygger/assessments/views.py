"""Hand in, download and assess the written assignment."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brobygger.accesslog.services import record_access
from brobygger.accounts.models import Role
from brobygger.assessments import selectors, services
from brobygger.assessments.access import submission_for_user
from brobygger.assessments.filetypes import KINDS, safe_filename
from brobygger.assessments.forms import (
    AssessmentForm,
    ParticipantUploadForm,
    SubmissionUploadForm,
)
from brobygger.assessments.rules import OPEN_STATUSES
from brobygger.core.access import roles
from brobygger.enrolments.access import enrolment_for_user, own_enrolments
from brobygger.enrolments.models import Enrolment


def _participant_form(
    request: HttpRequest, enrolment_pk: Any, bound: bool
) -> ParticipantUploadForm:
    open_enrolments = own_enrolments(request).filter(status__in=OPEN_STATUSES)
    # Ids per enrolment, so several upload forms on one page keep labels unique.
    auto_id = f"id_{enrolment_pk}_%s"
    if bound:
        return ParticipantUploadForm(
            request.POST, request.FILES, enrolments=open_enrolments, auto_id=auto_id
        )
    return ParticipantUploadForm(
        enrolments=open_enrolments, auto_id=auto_id, initial={"enrolment": enrolment_pk}
    )


@roles(Role.PARTICIPANT)
@require_http_methods(["GET", "POST"])
def my_assignment(request: HttpRequest) -> HttpResponse:
    posted: ParticipantUploadForm | None = None
    posted_pk = request.POST.get("enrolment", "") if request.method == "POST" else ""
    if request.method == "POST":
        posted = _participant_form(request, posted_pk if posted_pk.isdigit() else "x", True)
        if posted.is_valid():
            try:
                services.submission_create(
                    by=request.user,
                    enrolment=posted.cleaned_data["enrolment"],
                    upload=posted.cleaned_data["file"],
                )
            except ValidationError as error:
                posted.add_error(None, error)
            else:
                messages.success(request, _("Oppgaven er levert. Du finner vurderingen her."))
                return redirect("my_assignment")

    sections = []
    shown_posted = False
    for enrolment in selectors.participant_assignment_enrolments(request):
        attempts = enrolment.attempts  # type: ignore[attr-defined]
        form = None
        if posted is not None and posted_pk == str(enrolment.pk):
            form, shown_posted = posted, True
        elif selectors.can_submit(enrolment, attempts):
            form = _participant_form(request, enrolment.pk, False)
        sections.append({"enrolment": enrolment, "attempts": attempts, "form": form})
    context = {
        "sections": sections,
        # A post for an enrolment not on the page (closed meanwhile, or not theirs).
        "stray_form": posted if posted is not None and not shown_posted else None,
    }
    return render(request, "assessments/my_assignment.html", context)


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def enrolment_submission_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Hand in on the participant's behalf, e.g. a file they sent by e-mail."""
    enrolment = enrolment_for_user(request, pk, write=True)
    if request.method == "POST":
        form = SubmissionUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.submission_create(
                    by=request.user, enrolment=enrolment, upload=form.cleaned_data["file"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Oppgaven er lastet opp på vegne av deltakeren."))
                return redirect("enrolment_detail", pk=enrolment.pk)
    else:
        form = SubmissionUploadForm()
    attempts = selectors.submissions_for(enrolment)
    context = {
        "enrolment": enrolment,
        "attempts": attempts,
        "form": form,
        "can_submit": selectors.can_submit(enrolment, attempts),
    }
    response = render(request, "assessments/enrolment_submission_form.html", context)
    # GET, or a refused POST shown again with its errors: a read either way (ADR 0009).
    record_access(
        request,
        enrolment.participant,
        shown=_("Skriftlig oppgave: innleveringer og vurderinger"),
        organisation_id=_organisation_id(enrolment),
    )
    return response


def _organisation_id(enrolment: Enrolment) -> int:
    return enrolment.cohort.version.programme.organisation_id


@roles(Role.COORDINATOR, Role.PARTICIPANT)
@require_GET
def submission_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    submission = submission_for_user(request, pk)
    try:
        handle = services.storage().open(submission.file.name or "", "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    services.submission_download_log(by=request.user, submission=submission)
    # Not written when the participant downloads their own file (accesslog.services).
    record_access(
        request,
        submission.enrolment.participant,
        shown=_("Oppgavefil, forsøk %(n)s") % {"n": submission.attempt},
        purpose=_("Vurdering av skriftlig oppgave"),
        organisation_id=_organisation_id(submission.enrolment),
    )
    kind = next((k for k in KINDS.values() if k.content_type == submission.content_type), None)
    # Streamed from disk in blocks; never read into memory, never shown inline.
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=safe_filename(submission.original_name, kind=kind),
        content_type=submission.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def submission_assess(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_for_user(request, pk, manage=True)
    enrolment = submission.enrolment
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        if form.is_valid():
            try:
                services.submission_assess(
                    by=request.user,
                    submission=submission,
                    outcome=form.cleaned_data["outcome"],
                    feedback=form.cleaned_data["feedback"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Vurderingen er lagret."))
                return redirect("enrolment_detail", pk=enrolment.pk)
    else:
        form = AssessmentForm()
    attempts = selectors.submissions_for(enrolment)
    latest = attempts[-1] if attempts else None
    this = next((a for a in attempts if a.pk == submission.pk), submission)
    context = {
        "submission": submission,
        "enrolment": enrolment,
        "attempts": attempts,
        "form": form,
        "is_latest": latest is not None and latest.pk == submission.pk,
        "assessment": getattr(this, "assessment", None),
    }
    response = render(request, "assessments/submission_assess.html", context)
    # GET, or a refused POST shown again with its errors: a read either way (ADR 0009).
    record_access(
        request,
        enrolment.participant,
        shown=_("Skriftlig oppgave: innlevering %(n)s og vurderingsskjema")
        % {"n": submission.attempt},
        purpose=_("Vurdering av skriftlig oppgave"),
        organisation_id=_organisation_id(enrolment),
    )
    return response
