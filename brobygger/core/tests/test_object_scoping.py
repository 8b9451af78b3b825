"""Every URL that names an object: a coordinator from another municipality and a participant
looking at someone else's record learn nothing (404), on GET and POST alike."""

import datetime as dt
import re

import pytest

from brobygger.accounts.models import Role
from brobygger.assessments.tests.factories import make_attempts
from brobygger.core.testing import make_session
from brobygger.core.urlwalk import walk
from brobygger.placements.tests.factories import START, make_placement, make_timesheet

# For each route with an id: the Bergen object it is given (built in `bergen_objects`).
OBJECT_FOR_ROUTE = {
    "cohort_overview": "cohort",
    "cohort_edit": "cohort",
    "cohort_sessions": "cohort",
    "session_create": "cohort",
    "session_series_create": "cohort",
    "cohort_applications": "cohort",
    "application_create": "cohort",
    "version_create": "programme",
    "version_edit": "version",
    "session_edit": "session",
    "session_cancel": "session",
    "session_attendance": "session",
    "enrolment_detail": "enrolment",
    "completion_confirm": "enrolment",
    "enrolment_transition": "enrolment",
    "waitlist_move": "enrolment",
    "participation_period_create": "enrolment",
    "placement_create": "enrolment",
    "enrolment_submission_create": "enrolment",
    "placement_detail": "placement",
    "placement_percent_create": "placement",
    "timesheet_edit": "placement",
    "evaluation_edit": "placement",
    "timesheet_review": "timesheet",
    "submission_download": "submission",
    "submission_assess": "submission",
}
EXTRA_ARGS = {"timesheet_edit": {"week": START.isoformat()}, "evaluation_edit": {"kind": "midway"}}


def object_routes():
    return [r for r in walk() if r.module.startswith("brobygger.") and re.search(r"/1/", r.url)]


def test_every_object_route_is_covered_here():
    assert {r.name for r in object_routes()} == set(OBJECT_FOR_ROUTE)


@pytest.fixture
def bergen_objects(personas, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 15, 12, 0), tick=False)
    placement = make_placement(personas)
    return {
        "cohort": personas.cohort,
        "programme": personas.version.programme,
        "version": personas.version,
        "session": make_session(personas.cohort, date=dt.date(2026, 9, 1)),
        "enrolment": personas.enrolment,
        "placement": placement,
        "timesheet": make_timesheet(placement, START, "18.75", status="submitted"),
        "submission": make_attempts(personas.enrolment, 1, by=personas.coordinator)[0],
    }


def url_for(name, obj):
    from django.urls import reverse

    return reverse(name, kwargs={"pk": obj.pk, **EXTRA_ARGS.get(name, {})})


def test_a_coordinator_from_another_municipality_gets_404_everywhere(
    client, personas, bergen_objects
):
    client.force_login(personas.other_coordinator)
    leaks = []
    for name, key in OBJECT_FOR_ROUTE.items():
        url = url_for(name, bergen_objects[key])
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            # 403 is right where the role itself is not allowed (e.g. supervisor pages).
            if status not in (404, 405) and not (
                status == 403 and not _allows(name, Role.COORDINATOR)
            ):
                leaks.append((method, name, status))
    assert leaks == []


def test_a_participant_looking_at_someone_else_gets_404(client, personas, bergen_objects):
    # Dag (other_participant_user) looks at Dina's records.
    client.force_login(personas.other_participant_user)
    leaks = []
    for name, key in OBJECT_FOR_ROUTE.items():
        url = url_for(name, bergen_objects[key])
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            expected = {404, 405} if _allows(name, Role.PARTICIPANT) else {403, 405}
            if status not in expected:
                leaks.append((method, name, status))
    assert leaks == []


def _allows(name, role):
    route = next(r for r in walk() if r.name == name)
    return str(role) in getattr(route.callback, "brobygger_roles", ())
