"""Outcome dashboards, exports and the annual report. Every view goes through
`selectors.figures_for`, so pages, exports and `manage.py kpis` show the same figures."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.outcomes import charts, exports, report
from brobygger.outcomes.figures import outcome_figures
from brobygger.outcomes.figures.cube import DIMENSIONS
from brobygger.outcomes.figures.tables import dimension_labels
from brobygger.outcomes.filters import FIRST_YEAR, LAST_YEAR, Filters, programmes_in
from brobygger.outcomes.scope import PROGRAMMES, scopes_for
from brobygger.outcomes.selectors import Request, figures_for
from brobygger.programmes.access import programme_for_user

VIEWERS = (Role.COORDINATOR, Role.COUNTY_COORDINATOR, Role.ANALYST)


def _context(request: HttpRequest, result: Request, page: str) -> dict[str, object]:
    query = urlencode(result.query())
    labels = dimension_labels()
    pages = [("", _("Oversikt"))] + [(d, labels[d][0]) for d in DIMENSIONS]
    reports = []
    if result.scope.key == PROGRAMMES:
        reports = list(programmes_in(result.scope))
    return {
        "result": result,
        "figures": result.figures,
        "form": result.form,
        "query": query,
        # A filtered, suppressed view takes its pattern from the unfiltered one (consistent.py).
        "filtered": result.filters is not None and result.filters != Filters(),
        "page": page,
        "pages": pages,
        "page_label": dict(pages)[page],
        "reports": reports,
        "report_year": timezone.localdate().year,
    }


@roles(*VIEWERS)
@require_GET
def outcomes_dashboard(request: HttpRequest) -> HttpResponse:
    result = figures_for(request, request.GET, today=timezone.localdate())
    context = _context(request, result, "")
    if result.figures is not None:
        context["charts"] = charts.overview_charts(result.figures)
    return render(request, "outcomes/dashboard.html", context)


@roles(*VIEWERS)
@require_GET
def outcomes_breakdown(request: HttpRequest, dimension: str) -> HttpResponse:
    if dimension not in DIMENSIONS:
        raise Http404
    result = figures_for(request, request.GET, today=timezone.localdate())
    context = _context(request, result, dimension)
    if result.figures is not None:
        table = result.figures.tables[dimension]
        context["table"] = table
        context["charts"] = [charts.rates_chart(table)]
    return render(request, "outcomes/breakdown.html", context)


def _invalid(result: Request) -> HttpResponse:
    messages = [str(e) for errors in result.form.errors.values() for e in errors]
    text = _("Filteret er ugyldig: %(errors)s") % {"errors": " ".join(messages)}
    return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")


@roles(*VIEWERS)
@require_GET
def outcomes_export(request: HttpRequest, table: str, fmt: str) -> HttpResponseBase:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    result = figures_for(request, request.GET, today=timezone.localdate())
    figures = result.figures
    if figures is None:
        return _invalid(result)
    stamp = timezone.localdate().isoformat()
    if table == "alle" and fmt == "xlsx":
        chosen = list(figures.tables.values())
    elif table in figures.tables:
        chosen = [figures.tables[table]]
    else:
        raise Http404
    filename = f"resultater-{table}-{stamp}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.csv_stream(chosen[0]), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return FileResponse(
        exports.xlsx_file(chosen, figures),
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@roles(Role.COORDINATOR)
@require_GET
def outcomes_programme_report(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_user(request, pk)
    today = timezone.localdate()
    year_text = request.GET.get("ar", "")
    if not year_text:
        year = today.year
    elif year_text.isdigit() and FIRST_YEAR <= int(year_text) <= LAST_YEAR:
        year = int(year_text)
    else:
        text = _("Skriv et årstall mellom %(first)s og %(last)s.")
        return HttpResponseBadRequest(
            text % {"first": FIRST_YEAR, "last": LAST_YEAR},
            content_type="text/plain; charset=utf-8",
        )
    scope = next(s for s in scopes_for(request) if s.key == PROGRAMMES)
    figures = outcome_figures(
        scope=scope, filters=Filters(programme=programme.pk, year_to=year), today=today
    )
    pdf = report.annual_report(figures=figures, programme_name=programme.name, year=year)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="arsrapport-{programme.pk}-{year}.pdf"'
    return response
