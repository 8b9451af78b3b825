"""Fetch-and-authorise for invitations. Who may invite whom to which organisation is the
organisations app's rule (organisations.access: managed organisations, grantable roles); the
employment app's area roles invite employers, and coordinators their cohorts' participants."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from brobygger.employment.access import employer_orgs_in_area
from brobygger.enrolments.access import enrolments_managed_by
from brobygger.invitations.models import Invitation, InvitationKind
from brobygger.organisations.access import organisations_managed_by


def invitations_managed_by(request: HttpRequest) -> QuerySet[Invitation]:
    """Staff invitations of the organisations one manages, employer organisations in one's
    area included (the employment app's «Gi tilgang»), and participants' invitations in the
    cohorts one coordinates."""
    staff = Q(kind=InvitationKind.STAFF) & (
        Q(organisation__in=organisations_managed_by(request).values("pk"))
        | Q(organisation__in=employer_orgs_in_area(request).values("pk"))
    )
    participants = Q(
        kind=InvitationKind.PARTICIPANT,
        participant__in=enrolments_managed_by(request).values("participant_id"),
    )
    return Invitation.objects.filter(staff | participants)


def invitation_for_manager(request: HttpRequest, pk: int) -> Any:
    invitation = (
        invitations_managed_by(request)
        .select_related("organisation", "participant", "user")
        .filter(pk=pk)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation
