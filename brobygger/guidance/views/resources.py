"""Administrators edit the resource library: every save is a new version."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.core.concurrency import renew_hidden
from brobygger.guidance import selectors, services
from brobygger.guidance.forms import ResourceForm
from brobygger.guidance.models import SOURCE_LANGUAGE
from brobygger.guidance.views.pages import edit_language
from brobygger.guidance.views.public import document_response


@roles(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def resource_create(request: HttpRequest) -> HttpResponse:
    post = request.method == "POST"
    form = ResourceForm(request.POST if post else None, request.FILES if post else None)
    if post and form.is_valid():
        try:
            resource = services.resource_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            flash.success(request, _("Ressursen er lagt til (versjon 1)."))
            return redirect("guidance_resource_history", pk=resource.pk)
    return render(request, "guidance/resource_form.html", {"form": form, "current": None})


@roles(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, pk: int) -> HttpResponse:
    resource = selectors.resource_by_pk(pk)
    language = edit_language(request)
    history = selectors.resource_history(resource)
    current = selectors.in_language(history, language)
    # A language's first version starts from the bokmål one (and keeps its document).
    start = current or selectors.in_language(history, SOURCE_LANGUAGE) or history[0]
    initial = {
        "title": start.title,
        "summary": start.summary,
        "url": start.url,
        "tags": ", ".join(tag.name for tag in start.tags.all()),
        "is_published": start.is_published,
        "based_on": current.number if current else 0,
    }
    post = request.method == "POST"
    form = ResourceForm(
        request.POST if post else None,
        request.FILES if post else None,
        initial=initial,
        editing=True,
        has_document=bool(start.document),
    )
    if post and form.is_valid():
        data = {**form.cleaned_data, "based_on": form.cleaned_data["based_on"] or 0}
        try:
            version = services.resource_edit(
                by=request.user, resource=resource, language=language, **data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            renew_hidden(form, exc, "based_on")
        else:
            flash.success(
                request, _("Endringene er lagret som versjon %(n)d.") % {"n": version.number}
            )
            return redirect("guidance_resource_history", pk=resource.pk)
    context = {
        "form": form,
        "resource": resource,
        "current": current,
        "start": start,
        "language": language,
        "editing": True,
    }
    return render(request, "guidance/resource_form.html", context)


@roles(Role.ADMIN)
@require_GET
def resource_history(request: HttpRequest, pk: int) -> HttpResponse:
    resource = selectors.resource_by_pk(pk)
    versions = selectors.resource_history(resource)
    context = {"resource": resource, "versions": versions, **selectors.languages_of(versions)}
    return render(request, "guidance/resource_history.html", context)


@roles(Role.ADMIN)
@require_POST
def resource_restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    resource = selectors.resource_by_pk(pk)
    try:
        version = services.resource_restore(by=request.user, resource=resource, number=number)
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    else:
        flash.success(
            request,
            _("Versjon %(old)d er gjenopprettet som ny versjon %(new)d.")
            % {"old": number, "new": version.number},
        )
    return redirect("guidance_resource_history", pk=resource.pk)


@roles(Role.ADMIN)
@require_GET
def resource_version_document(request: HttpRequest, pk: int, number: int) -> FileResponse:
    """Any version's document, also unpublished or old ones, for comparing before restoring."""
    version = selectors.resource_version(selectors.resource_by_pk(pk), number)
    return document_response(version)
