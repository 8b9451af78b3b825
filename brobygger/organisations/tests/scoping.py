"""Bergen-owned objects for the authorisation matrix and the fuzz test (core/tests/routes.py):
one per organisations route with an id.

Bergen's coordinator and the administrator may use them; the Stavanger coordinator gets 404. The
administrator sees every organisation, but the matrix has no administrator "outside" Bergen, so
no OTHER_ORG_ALLOWED is needed."""

from __future__ import annotations

from typing import Any


def _teacher_at_bergen(p: Any) -> dict[str, int]:
    """Ulla, Bergen's teacher: a person whose roles Bergen's coordinator may change."""
    return {"pk": p.bergen.pk, "user_pk": p.teacher.pk}


OBJECTS = {
    "organisation_edit": lambda p: p.bergen,
    "organisation_users": lambda p: p.bergen,
    "organisation_member_roles": _teacher_at_bergen,
    "organisation_member_end": _teacher_at_bergen,
}

# Read-log entries a permitted GET writes (accesslog/tests/test_route_walk.py): staff only.
ACCESS_LOG = {
    "organisation_edit": 0,
    "organisation_users": 0,
    "organisation_member_roles": 0,
    "organisation_member_end": 0,
}
