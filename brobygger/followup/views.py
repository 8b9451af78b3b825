"""Follow-up tasks: what is due and overdue, and recording the answers."""

from __future__ import annotations

import datetime as dt
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
from brobygger.core.pagination import page_number, paginate, paginate_fetched
from brobygger.employment.models import Employment
from brobygger.followup import selectors, services, tasklist
from brobygger.followup.access import completion_to_follow, employment_to_follow
from brobygger.followup.forms import FollowUpForm
from brobygger.followup.models import FOLLOW_UP_MONTHS
from brobygger.followup.rules import Mismatch

OVERDUE_PER_PAGE = 50
MISMATCHES_PER_PAGE = 50


@roles(Role.COORDINATOR, Role.CASEWORKER)
@require_GET
def followup_list(request: HttpRequest) -> HttpResponse:
    """Overdue follow-ups grow with the years: they come a page at a time (issue 16). Those due
    today and in the next 30 days are few whatever the history, and are all shown."""
    today = timezone.localdate()
    number = page_number(request)
    overdue, total = tasklist.open_tasks(
        request,
        lo=None,
        hi=today - dt.timedelta(days=1),
        limit=OVERDUE_PER_PAGE,
        offset=(number - 1) * OVERDUE_PER_PAGE,
    )
    if not overdue and number > 1:  # past the last page: the last one
        _none, total = tasklist.open_tasks(request, lo=None, hi=today - dt.timedelta(days=1))
        number = max(1, -(-total // OVERDUE_PER_PAGE))
        overdue, total = tasklist.open_tasks(
            request, lo=None, hi=today - dt.timedelta(days=1), limit=OVERDUE_PER_PAGE,
            offset=(number - 1) * OVERDUE_PER_PAGE,
        )  # fmt: skip
    soon, _count = tasklist.open_tasks(
        request, lo=today, hi=today + dt.timedelta(days=selectors.UPCOMING_DAYS)
    )
    # The next 30 days are bounded by time, not by history, but a national caseworker's can
    # still be long: they page too, with a parameter of their own.
    upcoming = paginate(
        request,
        [task for task in soon if task.due_on > today],
        per_page=OVERDUE_PER_PAGE,
        param="side_kommende",
    )
    groups: dict[str, list[selectors.Task]] = {
        "overdue": overdue,
        "due": [task for task in soon if task.due_on == today],
        "upcoming": list(upcoming.page.object_list),
    }
    pagination = paginate_fetched(
        request, overdue, number=number, total=total, per_page=OVERDUE_PER_PAGE
    )
    context = {
        "groups": groups,
        "today": today,
        "pagination": pagination,
        "upcoming_pagination": upcoming,
    }
    return render(request, "followup/followup_list.html", context)


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
    every = selectors.mismatches_for(request, today=timezone.localdate())
    by_kind: dict[str, list[selectors.MismatchRow]] = {kind.value: [] for kind in Mismatch}
    for row in every:
        by_kind[row.kind.value].append(row)
    # Each kind a page at a time, with a page parameter of its own (issue 16).
    pages = {
        kind: paginate(request, kind_rows, per_page=MISMATCHES_PER_PAGE, param=f"side_{n}")
        for n, (kind, kind_rows) in enumerate(by_kind.items(), start=1)
    }
    groups = {kind: list(pagination.page.object_list) for kind, pagination in pages.items()}
    rows = [row for shown in groups.values() for row in shown]
    context = {"groups": groups, "rows": rows, "pages": pages}
    response = render(request, "followup/reconciliation.html", context)
    # Answers and jobs per person say more than a name: one read-log entry per participant
    # shown (on the pages shown), in one INSERT (ADR 0009, amendment 1).
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
