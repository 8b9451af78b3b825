"""The operators' view of the background jobs (administrators)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.jobs import selectors

PAGE_SIZE = 50


@roles(Role.ADMIN)
@require_GET
def job_failures(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.failed_jobs(), PAGE_SIZE).get_page(request.GET.get("side"))
    context = {"page": page, "counts": selectors.queue_counts(), "query": ""}
    return render(request, "jobs/job_failures.html", context)
