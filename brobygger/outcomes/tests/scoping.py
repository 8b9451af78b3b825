"""Bergen-owned objects for the core authorisation matrix (one per outcomes route with <pk>)."""

from __future__ import annotations

from typing import Any

OBJECTS = {"outcomes_programme_report": lambda personas: personas.version.programme}
EXTRA_ARGS: dict[str, Any] = {
    "outcomes_breakdown": {"dimension": "kommune"},
    "outcomes_export": {"table": "kommune", "fmt": "csv"},
}

# Read-log entries a permitted GET writes (accesslog/tests/test_route_walk.py): aggregates only.
ACCESS_LOG = {"outcomes_programme_report": 0}
