"""Follow-up tasks: what is due and overdue, and recording the answers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brobygger.accesslog.services import record_access, record_access_many
from brobygger.accounts.models import Role
from brobygger.completion.models import Completion
from brobygger.core.access import roles
from brobygger.core.forms import add_service_errors
from brobygger.employment.models import Employment
from brobygger.followup import selectors, services
from brobygger.followup.access import completion_to_follow, employment_to_follow
from brobygger.followup.forms import FollowUpForm
from brobygger.followup.models import FOLLOW_UP_MONTHS
from brobygger.followup.rules import Mismatch


@roles(Role.COORDINATOR, Role.CASEWORKER)
@require_GET
def followup_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    tasks = selectors.tasks_for(request, today=today)
    groups: dict[str, list[selectors.Task]] = {"overdue": [], "due": [], "upcoming": []}
    for task in tasks:
        groups[task.state(today)].append(task)
    return render(request, "followup/followup_list.html", {"groups": groups, "today": today})


def _answer(request: HttpRequest, subject: Completion | Employment, months: int) -> HttpResponse:
    if months not in FOLLOW_UP_MONTHS:
        raise Http404
    due = services.due_date(subject, months)
    if isinstance(subject, Completion):
        participant = subject.enrolment.participant
        organisation_id = subject.enrolment.cohort.version.programme.organisation_id
    else:
        participant = subject.participant
        organisation_id = subject.employer_id
    # Pre-filled from the employment records active on the date (ADR 0016): confirm, or correct.
    prefill = selectors.prefill_on(participant.pk, due)
    initial: dict[str, Any] = {"answered_on": max(due, timezone.localdate()), **prefill.initial}
    form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.followup_record(
                by=request.user,
                subject=subject,
                months=months,
                answered_on=data["answered_on"],
                employed=data["employed"] == "yes",
                percent=data["percent"],
                job_kind=data["job_kind"],
                funding_source=data["funding_source"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Oppfølgingen er registrert."))
            return redirect("followup_list")
    # GET, or a refused POST shown again with its errors: a read either way (ADR 0009).
    record_access(
        request,
        participant,
        shown=_("Oppfølging etter %(months)s måneder") % {"months": months},
        purpose=_("Oppfølging av arbeid etter utdanningen"),
        organisation_id=organisation_id,
    )
    context = {
        "form": form,
        "subject": subject,
        "is_completion": isinstance(subject, Completion),
        "participant": participant,
        "months": months,
        "due": due,
        "not_due": timezone.localdate() < due,
        "records": prefill.records,
    }
    return render(request, "followup/followup_answer.html", context)


@roles(Role.COORDINATOR, Role.CASEWORKER)
@require_GET
def followup_reconciliation(request: HttpRequest) -> HttpResponse:
    """Where the answers and the employment records disagree, for the same people as the
    follow-up list."""
    rows = selectors.mismatches_for(request, today=timezone.localdate())
    groups: dict[str, list[selectors.MismatchRow]] = {kind.value: [] for kind in Mismatch}
    for row in rows:
        groups[row.kind.value].append(row)
    response = render(request, "followup/reconciliation.html", {"groups": groups, "rows": rows})
    # Answers and jobs per person say more than a name: one read-log entry per participant
    # shown, in one INSERT (ADR 0009, amendment 1).
    record_access_many(
        request,
        [row.participant for row in rows],
        shown=_("Avvik mellom oppfølgingssvar og registrerte ansettelser"),
        purpose=_("Oppfølging av arbeid etter utdanningen"),
    )
    return response


@roles(Role.COORDINATOR, Role.CASEWORKER)
@require_http_methods(["GET", "POST"])
def followup_completion_answer(request: HttpRequest, pk: int, months: int) -> HttpResponse:
    return _answer(request, completion_to_follow(request, pk), months)


@roles(Role.COORDINATOR, Role.CASEWORKER)
@require_http_methods(["GET", "POST"])
def followup_hire_answer(request: HttpRequest, pk: int, months: int) -> HttpResponse:
    return _answer(request, employment_to_follow(request, pk), months)
