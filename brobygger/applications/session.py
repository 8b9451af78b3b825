"""The e-mail address an applicant has proved, kept in their session (no login is made).

It lasts as long as a verification link would: after that the applicant proves it again.
"""

from __future__ import annotations

import time

from django.http import HttpRequest

from brobygger.applications.models import VERIFICATION_VALID_FOR

KEY = "brobygger_applicant_email"


def remember(request: HttpRequest, email: str) -> None:
    request.session.cycle_key()  # a new session id once the address is proved
    request.session[KEY] = {
        "email": email,
        "until": time.time() + VERIFICATION_VALID_FOR.total_seconds(),
    }


def verified_email(request: HttpRequest) -> str | None:
    data = request.session.get(KEY) if hasattr(request, "session") else None
    if not isinstance(data, dict) or not isinstance(data.get("email"), str):
        return None
    if float(data.get("until") or 0) < time.time():
        request.session.pop(KEY, None)
        return None
    return str(data["email"])
