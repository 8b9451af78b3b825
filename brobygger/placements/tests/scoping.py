"""Bergen objects for the authorisation matrix (core/tests/test_authorisation_matrix.py)."""

from brobygger.placements.models import Placement
from brobygger.placements.tests.factories import START, make_placement, make_timesheet
from brobygger.testing import Personas


def _placement(personas: Personas) -> Placement:
    """Dina's placement: made once, then reused (a second one would overlap the first) for as
    long as it exists (the matrix rolls each route back)."""
    existing = Placement.objects.filter(enrolment=personas.enrolment).order_by("pk").first()
    return existing or make_placement(personas)


OBJECTS = {
    "placement_create": lambda personas: personas.enrolment,
    "placement_detail": _placement,
    "placement_percent_create": _placement,
    "timesheet_edit": _placement,
    "evaluation_edit": _placement,
    "timesheet_review": lambda personas: make_timesheet(
        _placement(personas), START, "18.75", status="submitted"
    ),
}
EXTRA_ARGS = {"timesheet_edit": {"week": START.isoformat()}, "evaluation_edit": {"kind": "midway"}}
