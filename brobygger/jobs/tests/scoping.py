"""The job page for the authorisation matrix (core/tests/routes.py): no route with an id, so no
OBJECTS; administrators only, declared on the view."""

from __future__ import annotations

OBJECTS: dict[str, object] = {}

# Read-log entries a permitted GET writes (accesslog/tests/test_route_walk.py): none; the page
# shows job names, times and error classes, never a participant.
ACCESS_LOG = {"job_failures": 0}
