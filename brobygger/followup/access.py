"""Fetch-and-authorise the subject of a follow-up (404 when the user does not follow it up)."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from brobygger.completion.models import Completion
from brobygger.employment.models import Employment
from brobygger.followup.selectors import completions_followed_by, employments_followed_by


def completion_to_follow(request: HttpRequest, pk: int) -> Completion:
    completion = (
        completions_followed_by(request)
        .filter(pk=pk)
        .select_related(
            "enrolment__participant", "enrolment__cohort__version__programme__organisation"
        )
        .first()
    )
    if completion is None:
        raise Http404
    return completion


def employment_to_follow(request: HttpRequest, pk: int) -> Employment:
    employment = (
        employments_followed_by(request)
        .filter(pk=pk)
        .select_related("participant", "employer")
        .first()
    )
    if employment is None:
        raise Http404
    return employment
