"""Fetch-and-authorise for the privacy pages."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from brobygger.enrolments.models import Participant


def own_participant(request: HttpRequest) -> Participant:
    """The signed-in participant's own record (404 if the login has none)."""
    if request.user.pk is None:
        raise Http404
    participant = (
        Participant.objects.filter(user_id=request.user.pk)
        .select_related("municipality", "user")
        .first()
    )
    if participant is None:
        raise Http404
    return participant
