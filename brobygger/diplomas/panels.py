"""The diploma section of a participant's page (see assessments/panels.py for the contract).
Shown once the completion is confirmed; three queries."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from brobygger.completion.models import Completion
from brobygger.diplomas.selectors import diploma_history
from brobygger.enrolments.access import enrolments_managed_by
from brobygger.enrolments.models import Enrolment


def enrolment_panel(request: HttpRequest, enrolment: Enrolment) -> SafeString:
    completion = Completion.objects.filter(enrolment=enrolment).first()
    if completion is None:
        return mark_safe("")  # noqa: S308 - empty
    history = diploma_history(completion.pk)
    manages = enrolments_managed_by(request).filter(pk=enrolment.pk).exists()
    context = {
        "enrolment": enrolment,
        "diploma": history.current or history.latest,
        "earlier": history.earlier,
        "manages": manages,
    }
    html = render_to_string("diplomas/_panel.html", context, request=request)
    return mark_safe(html)  # noqa: S308 - rendered by our own autoescaping template
