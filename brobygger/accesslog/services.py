"""Write read-log entries. Views call `record_access` once per page/export/download that shows
one participant's personal data (a person merely appearing in a list is not an entry)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from brobygger.accesslog.models import AccessEvent
from brobygger.core.access import user_memberships
from brobygger.core.audit import current_request_id


def _acting_membership(request: HttpRequest, organisation_id: int | None) -> tuple[str, int | None]:
    """The (role, organisation) the user acted in: the one in the record's organisation if any."""
    rows = user_memberships(request)
    for role, org in rows:
        if organisation_id is not None and org == organisation_id:
            return role, org
    return rows[0] if rows else ("", None)


def record_access(
    request: HttpRequest,
    participant: Any,
    *,
    shown: str,
    purpose: str = "",
    organisation_id: int | None = None,
    denied: bool = False,
) -> AccessEvent:
    role, org = _acting_membership(request, organisation_id)
    user = request.user if request.user.is_authenticated else None
    return AccessEvent.objects.create(
        actor=user,
        actor_role=role,
        actor_organisation_id=org,
        participant_id=getattr(participant, "pk", participant),
        shown=str(shown)[:200],
        purpose=str(purpose)[:200],
        path=request.path[:300],
        request_id=current_request_id.get(),
        denied=denied,
    )
