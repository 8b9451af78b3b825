"""The section this app can contribute to a participant's page (completion.enrolment_detail):
`enrolment_panel(request, enrolment) -> str`, like the other apps' panels. Only a coordinator
who manages the enrolment sees it: when the person's data will be anonymised, and the link to
do it earlier on request. Two queries."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from brobygger.enrolments.access import enrolments_managed_by
from brobygger.enrolments.models import Enrolment
from brobygger.privacy.retention.policy import retention_states, retention_years


def enrolment_panel(request: HttpRequest, enrolment: Enrolment) -> SafeString:
    if not enrolments_managed_by(request).filter(pk=enrolment.pk).exists():
        return mark_safe("")  # noqa: S308 - empty
    state = retention_states([enrolment.participant_id]).get(enrolment.participant_id)
    html = render_to_string(
        "privacy/_partials/panel.html",
        {"enrolment": enrolment, "state": state, "years": retention_years()},
        request=request,
    )
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, escaped there
