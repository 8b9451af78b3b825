"""Bergen-owned objects for the authorisation matrix and the fuzz test (core/tests/routes.py)."""

from __future__ import annotations

from typing import Any

from brobygger.accounts.models import Role
from brobygger.invitations import services


def _staff_invitation(p: Any) -> Any:
    return services.staff_invite(
        by=p.coordinator, organisation=p.bergen, roles=[Role.TEACHER], email="ny@example.org"
    ).invitation


OBJECTS = {
    "participant_access": lambda p: p.other_enrolment,
    "staff_invite": lambda p: p.bergen,
    "invitation_resend": _staff_invitation,
    "invitation_revoke": _staff_invitation,
}

# A well-formed code that belongs to no invitation (the page says so; nothing is revealed).
EXTRA_ARGS = {"invitation_open": {"code": "ABCDEFGHJKMNPQRS"}}

# Read-log entries a permitted GET writes (accesslog/tests/test_route_walk.py).
ACCESS_LOG = {
    "participant_access": 1,  # the participant's name, e-mail and login state
    "staff_invite": 0,  # staff only
    "invitation_resend": 0,  # POST only
    "invitation_revoke": 0,  # POST only
    "invitation_open": 0,  # public, no person
}
