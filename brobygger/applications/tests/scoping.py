"""Routes of the public application pages for the authorisation matrix and the read-log walks
(core/tests/routes.py). All are public: Bergen's cohort is opened for applications so the
pages are reached, and the verification link is a well-formed code that belongs to nothing."""

from __future__ import annotations

from typing import Any

from brobygger.applications.tests.helpers import open_cohort


def _open_cohort(p: Any) -> Any:
    return open_cohort(p.cohort)


OBJECTS = {
    "apply_start": _open_cohort,
    "apply_form": _open_cohort,
}

EXTRA_ARGS = {"apply_verify": {"code": "ABCDEFGHJKMNPQRS"}}

# Read-log entries a permitted GET writes (accesslog/tests/test_route_walk.py): the applicant's
# own pages, and staff opening them see no one else.
ACCESS_LOG = {
    "apply_start": 0,
    "apply_form": 0,
    "apply_verify": 0,
}
