"""Cohort overview, the review list of completion exceptions and the caseworker's candidates.
The participant's page, the completion actions on it and the participant's own progress combine
several apps' panels, so they live in pages.participant (ADR 0024)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from brobygger.accesslog.services import record_access_many
from brobygger.accounts.models import Role
from brobygger.completion import selectors
from brobygger.completion.candidates import caseworker_candidates as candidates_of
from brobygger.completion.forms import OverviewFilterForm
from brobygger.core.access import roles
from brobygger.core.pagination import paginate
from brobygger.enrolments.models import Participant
from brobygger.programmes.access import cohort_for_user

OVERVIEW_PER_PAGE = 50


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@roles(Role.COORDINATOR)
@require_GET
def cohort_overview(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_for_user(request, pk)
    form = OverviewFilterForm(request.GET)
    status = form.status_or_all()
    overview = selectors.cohort_overview(
        cohort=cohort,
        viewer=request,
        status=status,
        follow_up=form.follow_up_only(),
        sort=form.sort_or_default(),
    )
    # A cohort of any size is shown a page at a time (issue 16), the filters kept in the links.
    pagination = paginate(request, overview.rows, per_page=OVERVIEW_PER_PAGE)
    rows = list(pagination.page.object_list)
    context = {
        "cohort": cohort,
        "overview": overview,
        "form": form,
        "status": status,
        "rows": rows,
        "pagination": pagination,
    }
    template = (
        "completion/_partials/overview_table.html"
        if request.htmx
        else "completion/cohort_overview.html"
    )
    response = render(request, template, context)
    # Progress and warnings (absence, practice, assignment) per person say more than "is in
    # the cohort": one read-log entry per participant shown, in one INSERT (ADR 0009,
    # amendment 3). The full page and every htmx reload of the table count; a page shows
    # (and logs) only its own rows.
    record_access_many(
        request,
        [row.enrolment.participant for row in rows],
        shown=_("Kulloversikt: framdrift og varsler om oppmøte, praksis og oppgave"),
        organisation_id=cohort.version.programme.organisation_id,
    )
    return response


@roles(Role.COORDINATOR)
@require_GET
def completion_exceptions(request: HtmxHttpRequest) -> HttpResponse:
    """The review list of completion exceptions in the programmes the coordinator manages."""
    rows = selectors.completion_exceptions(request)
    response = render(request, "completion/completion_exceptions.html", {"rows": rows})
    # The written reason for each exception says more than a name and a status: one read-log
    # entry per participant shown, one INSERT per organisation whose programmes are listed
    # (ADR 0009, amendment 3).
    by_organisation: dict[int, list[Participant]] = {}
    for row in rows:
        organisation_id = row.enrolment.cohort.version.programme.organisation_id
        by_organisation.setdefault(organisation_id, []).append(row.enrolment.participant)
    for organisation_id, participants in by_organisation.items():
        record_access_many(
            request,
            participants,
            shown=_("Unntak ved fullføring: begrunnelse, hvem som bekreftet og godkjente"),
            organisation_id=organisation_id,
        )
    return response


@roles(Role.CASEWORKER)
@require_GET
def caseworker_candidates(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "enrolments/caseworker_candidates.html",
        {"rows": candidates_of(request)},
    )
