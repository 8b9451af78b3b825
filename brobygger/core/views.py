from __future__ import annotations

import datetime as dt

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from brobygger.core.access import public
from brobygger.core.readiness import readiness


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


@public
@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    """200 when this server may take traffic: database, migrations and a live job worker
    (core.readiness); otherwise 503 naming the check that failed."""
    state = readiness()
    return JsonResponse(state.as_dict(), status=200 if state.ready else 503)


# The date the accessibility statement (and its list of known deviations) was last reviewed.
ACCESSIBILITY_REVIEWED = dt.date(2026, 12, 3)


@public
@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """Tilgjengelighetserklæring in the form Uutilsynet asks for; the official one is filed
    at uustatus.no."""
    return render(
        request, "core/accessibility_statement.html", {"reviewed": ACCESSIBILITY_REVIEWED}
    )
