"""Objects for the project-wide route walks (see brief): each route's Bergen object.

ACCESS_LOG says how many read-log entries a permitted user's GET of the route writes
(accesslog/tests/test_route_walk.py): 1 for a page that shows one participant, 0 otherwise.
"""

OBJECTS = {
    "participant_protection": lambda personas: personas.enrolment,
    "participant_unprotect": lambda personas: personas.enrolment,
}

ACCESS_LOG = {
    "participant_protection": 1,
    "participant_unprotect": 0,  # POST only
}
