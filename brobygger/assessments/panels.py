"""The section this app contributes to a participant's page (completion.enrolment_detail and
my_progress). Contract: `enrolment_panel(request, enrolment) -> str` (rendered HTML, safe),
scoped to what request.user may see; its own fixed number of queries (two)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from brobygger.assessments import selectors
from brobygger.enrolments.access import enrolments_managed_by
from brobygger.enrolments.models import Enrolment


def enrolment_panel(request: HttpRequest, enrolment: Enrolment) -> SafeString:
    """Attempts with outcome; feedback and files only for the managing coordinator and the
    participant themself (a caseworker following the enrolment sees outcomes only)."""
    manages = enrolments_managed_by(request).filter(pk=enrolment.pk).exists()
    own = request.user.is_authenticated and (
        enrolment.participant.user_id == request.user.pk
    )  # participant is loaded by the enrolment fetch helpers
    attempts = selectors.submissions_for(enrolment)
    latest = attempts[-1] if attempts else None
    context = {
        "enrolment": enrolment,
        "attempts": attempts,
        "manages": manages,
        "own": own,
        "full": manages or own,
        "assess_latest": latest
        if manages and latest is not None and getattr(latest, "assessment", None) is None
        else None,
        "can_submit": selectors.can_submit(enrolment, attempts),
    }
    html = render_to_string("assessments/_panel.html", context, request=request)
    return mark_safe(html)  # noqa: S308 - rendered by our own autoescaping template
