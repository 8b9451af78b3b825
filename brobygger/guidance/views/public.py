"""Public guidance: advice pages and the resource library. No login."""

from __future__ import annotations

import uuid

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from brobygger.core.access import public
from brobygger.guidance import selectors
from brobygger.guidance.models import ResourceVersion
from brobygger.guidance.rendering import render_body

MAX_QUERY_LENGTH = 200


@public
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/index.html", {"pages": selectors.published_pages()})


@public
@require_GET
def page(request: HttpRequest, slug: str) -> HttpResponse:
    version = selectors.published_page(slug)
    context = {"version": version, "body": render_body(version.body)}
    return render(request, "guidance/page.html", context)


@public
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    # Search and filter live in the query string so a search can be shared as a link.
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    result = selectors.library(query=query, tag_slug=request.GET.get("emne", "")[:60])
    return render(request, "guidance/library.html", {"library": result})


def document_response(version: ResourceVersion) -> FileResponse:
    """A version's stored PDF as a download (never shown inline on our origin)."""
    stored = version.document.name
    if not stored or not default_storage.exists(stored):
        raise Http404
    return FileResponse(
        default_storage.open(stored, "rb"),
        as_attachment=True,
        filename=version.document_name or "dokument.pdf",
        content_type="application/pdf",
    )


@public
@require_GET
def document(request: HttpRequest, key: uuid.UUID) -> FileResponse:
    version = selectors.published_document(key)
    return document_response(version)
