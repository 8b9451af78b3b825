"""Import pages: upload (under a programme), a run's dry-run report and progress, start the real
run, download a template. Programme coordinators of the owning organisation only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.imports import selectors, services
from brobygger.imports.access import programme_for_importer, run_for_user
from brobygger.imports.forms import UploadForm
from brobygger.imports.kinds import KINDS
from brobygger.imports.progress import progress_read
from brobygger.imports.spreadsheets import template_csv, template_xlsx
from brobygger.programmes.forms import apply_errors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_importer(request, pk)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                run = services.import_upload(
                    by=request.user,
                    programme=programme,
                    kind=form.cleaned_data["kind"],
                    file_name=upload.name,
                    content=upload.read(),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                return redirect("import_run", run.pk)
    else:
        form = UploadForm()
    return render(
        request,
        "imports/import_page.html",
        {
            "programme": programme,
            "form": form,
            "kinds": list(KINDS.values()),
            "runs": selectors.recent_runs(programme=programme),
        },
    )


@roles(Role.COORDINATOR)
@require_GET
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = run_for_user(request, pk)
    context = selectors.run_page(run=run, viewer=request.user)
    context["progress"] = progress_read(run.pk) if run.in_progress else None
    return render(request, "imports/import_run.html", context)


@roles(Role.COORDINATOR)
@require_GET
def import_run_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar, polled by htmx while a pass runs; once it has ended the page reloads
    to show the report."""
    run = run_for_user(request, pk)
    if not run.in_progress:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(
        request,
        "imports/_partials/progress.html",
        {"run": run, "progress": progress_read(run.pk)},
    )


@roles(Role.COORDINATOR)
@require_POST
def import_run_start(request: HttpRequest, pk: int) -> HttpResponse:
    run = run_for_user(request, pk)
    try:
        services.import_start(by=request.user, run=run)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Importen er startet. Siden oppdateres underveis."))
    return redirect("import_run", run.pk)


@roles(Role.COORDINATOR)
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """?type=<kind>&format=csv|xlsx: the empty template of a kind (no personal data); without
    a type, the participants' template."""
    kind = KINDS.get(request.GET.get("type", "deltakere"))
    fmt = request.GET.get("format", "csv")
    if kind is None or fmt not in ("csv", "xlsx"):
        raise Http404
    if fmt == "csv":
        response = HttpResponse(template_csv(kind), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(template_xlsx(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mal-{kind.slug}.{fmt}"'
    return response
