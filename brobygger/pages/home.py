"""The start page: the sections a user's roles open, and a teacher's next session first."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from brobygger.accounts.models import Role
from brobygger.core.access import has_role, roles
from brobygger.core.navigation import sections_for
from brobygger.programmes.panels import teacher_next_session


@roles(*Role)
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # The teacher's likely next step comes first in main (issue 14, finding 5).
    next_session = teacher_next_session(request) if has_role(request, Role.TEACHER) else ""
    return render(
        request,
        "core/home.html",
        {"sections": sections_for(request), "next_session": next_session},
    )
