from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from brobygger.accounts.models import Role
from brobygger.core.access import public, roles
from brobygger.core.navigation import sections_for


@public
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@roles(*Role)
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"sections": sections_for(request)})
