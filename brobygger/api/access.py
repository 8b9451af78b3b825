"""Who may manage an organisation's API clients: the same people who manage its users
(organisations.access): administrators for every organisation, coordinators for their own.
Anything else is 404."""

from __future__ import annotations

from django.http import Http404

from brobygger.api.models import ApiClient
from brobygger.organisations.access import USER_ADMIN_ROLES, organisation_for_user
from brobygger.organisations.models import Organisation

CLIENT_ADMIN_ROLES = USER_ADMIN_ROLES

__all__ = ["CLIENT_ADMIN_ROLES", "client_of_organisation", "organisation_for_user"]


def client_of_organisation(organisation: Organisation, pk: int) -> ApiClient:
    """A client of an organisation the caller has already been authorised for; 404 else."""
    client = ApiClient.objects.filter(organisation=organisation, pk=pk).first()
    if client is None:
        raise Http404
    return client
