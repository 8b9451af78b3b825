"""Reads for invitations: the lists on the participant's access page and the users page."""

from __future__ import annotations

from django.db.models import QuerySet

from brobygger.enrolments.models import Enrolment, Participant
from brobygger.invitations.models import Invitation, InvitationKind
from brobygger.organisations.models import Organisation


def participant_invitations(participant: Participant) -> list[Invitation]:
    """Every invitation the person was sent, newest first (one query)."""
    return list(
        Invitation.objects.filter(participant=participant).select_related(
            "created_by", "revoked_by", "user"
        )
    )


def organisation_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    """Staff invitations of an organisation, newest first, with what the list shows."""
    return Invitation.objects.filter(
        organisation=organisation, kind=InvitationKind.STAFF
    ).select_related("created_by", "user")


def latest_enrolment_id(participant_id: int) -> int | None:
    return (
        Enrolment.objects.filter(participant_id=participant_id)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
