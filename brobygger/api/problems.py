"""Errors as RFC 9457 problem details (`application/problem+json`).

Titles are translated (gettext), so they follow the caller's Accept-Language like the pages do;
bokmål is the default. `type` is "about:blank" unless a problem has its own meaning.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

MEDIA_TYPE = "application/problem+json"


def _titles() -> dict[int, str]:
    return {
        400: _("Ugyldig forespørsel"),
        401: _("Ikke autentisert"),
        403: _("Mangler tilgang"),
        404: _("Finnes ikke"),
        405: _("Metoden er ikke tillatt"),
        412: _("Ressursen er endret"),
        428: _("If-Match mangler"),
        429: _("For mange forespørsler"),
        500: _("Intern feil"),
    }


def problem(
    status: int,
    detail: str,
    *,
    type_: str = "about:blank",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> HttpResponse:
    body = {
        "type": type_,
        "title": _titles().get(status, _("Feil")),
        "status": status,
        "detail": str(detail),
        **extra,
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=MEDIA_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response
