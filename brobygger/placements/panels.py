"""The section this app contributes to a participant's page (completion.enrolment_detail and
my_progress). Contract: `enrolment_panel(request, enrolment) -> str` (rendered HTML, safe),
scoped to what request.user may see; its own fixed number of queries."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from brobygger.enrolments.models import Enrolment


def enrolment_panel(request: HttpRequest, enrolment: Enrolment) -> SafeString:
    return mark_safe("")  # noqa: S308 - placeholder until this app's panel is built
