"""Who may import: a programme coordinator of the organisation that owns the programme (a
partner's coordinators see the programme, but its history is the owner's to bring in)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from brobygger.accounts.models import Role
from brobygger.core.access import org_ids_for
from brobygger.imports.models import ImportRun
from brobygger.programmes.access import programme_for_user
from brobygger.programmes.models import Programme


def programme_for_importer(request: HttpRequest, pk: int) -> Programme:
    """A programme the user may import into: 404 outside their programmes, 403 for a partner."""
    programme = programme_for_user(request, pk)
    if programme.organisation_id not in org_ids_for(request, Role.COORDINATOR):
        raise PermissionDenied
    return programme


def run_for_user(request: HttpRequest, pk: int) -> ImportRun:
    """An import into a programme of the user's organisation (as coordinator); 404 otherwise."""
    run = (
        ImportRun.objects.filter(
            pk=pk, programme__organisation__in=org_ids_for(request, Role.COORDINATOR)
        )
        .select_related("programme__organisation", "uploaded_by")
        .defer("content")
        .first()
    )
    if run is None:
        raise Http404
    return run
