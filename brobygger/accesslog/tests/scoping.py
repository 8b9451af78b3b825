"""Objects for the project-wide route walks (see brief): each route's Bergen object.

ACCESS_LOG says how many read-log entries a permitted user's GET of the route writes
(accesslog/tests/test_route_walk.py): 1 for a page that shows one participant, 0 otherwise.
"""


def _hidden_name(personas):  # type: ignore[no-untyped-def]
    from brobygger.accesslog.models import HiddenNameReason, HiddenStaffName

    return HiddenStaffName.objects.create(
        user=personas.teacher, reason=HiddenNameReason.THREAT, set_by=personas.admin
    )


OBJECTS = {
    "participant_protection": lambda personas: personas.enrolment,
    "participant_unprotect": lambda personas: personas.enrolment,
    "hidden_staff_name_remove": _hidden_name,
}

ACCESS_LOG = {
    "participant_protection": 1,
    "participant_unprotect": 0,  # POST only
    "hidden_staff_name_remove": 0,  # POST only, no participant
}
