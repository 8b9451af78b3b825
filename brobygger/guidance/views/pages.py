"""Administrators edit guidance pages: every save is a new version."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.core.concurrency import renew_hidden
from brobygger.guidance import selectors, services
from brobygger.guidance.forms import PageForm
from brobygger.guidance.models import LANGUAGE_CODES, SOURCE_LANGUAGE
from brobygger.guidance.rendering import render_body


def edit_language(request: HttpRequest) -> str:
    """The language being edited: `?sprak=nn`; bokmål when not given; 404 when unknown."""
    language = request.GET.get("sprak", SOURCE_LANGUAGE)
    if language not in LANGUAGE_CODES:
        raise Http404
    return language


@roles(Role.ADMIN)
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/manage.html", {"overview": selectors.overview()})


@roles(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def page_create(request: HttpRequest) -> HttpResponse:
    form = PageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            page = services.page_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            flash.success(request, _("Siden er opprettet (versjon 1)."))
            return redirect("guidance_page_history", pk=page.pk)
    return render(request, "guidance/page_form.html", {"form": form, "page": None})


@roles(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def page_edit(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.page_by_pk(pk)
    language = edit_language(request)
    history = selectors.page_history(page)
    current = selectors.in_language(history, language)
    # A language's first version starts from the bokmål text.
    start = current or selectors.in_language(history, SOURCE_LANGUAGE) or history[0]
    initial = {
        "title": start.title,
        "summary": start.summary,
        "body": start.body,
        "is_published": start.is_published,
        "based_on": current.number if current else 0,
    }
    form = PageForm(
        request.POST if request.method == "POST" else None, initial=initial, editing=True
    )
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "based_on": form.cleaned_data["based_on"] or 0}
        try:
            version = services.page_edit(by=request.user, page=page, language=language, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
            renew_hidden(form, exc, "based_on")
        else:
            flash.success(
                request, _("Endringene er lagret som versjon %(n)d.") % {"n": version.number}
            )
            return redirect("guidance_page_history", pk=page.pk)
    context = {
        "form": form,
        "page": page,
        "current": current,
        "start": start,
        "language": language,
    }
    return render(request, "guidance/page_form.html", context)


@roles(Role.ADMIN)
@require_GET
def page_history(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.page_by_pk(pk)
    history = selectors.page_history(page)
    versions = [(v, render_body(v.body)) for v in history]
    context = {"page": page, "versions": versions, **selectors.languages_of(history)}
    return render(request, "guidance/page_history.html", context)


@roles(Role.ADMIN)
@require_POST
def page_restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    page = selectors.page_by_pk(pk)
    try:
        version = services.page_restore(by=request.user, page=page, number=number)
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    else:
        flash.success(
            request,
            _("Versjon %(old)d er gjenopprettet som ny versjon %(new)d.")
            % {"old": number, "new": version.number},
        )
    return redirect("guidance_page_history", pk=page.pk)
