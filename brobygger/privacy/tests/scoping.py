"""Bergen objects for the authorisation matrix (core/tests/test_authorisation_matrix.py)."""

OBJECTS = {
    "enrolment_anonymise": lambda personas: personas.enrolment,
}

# Read-log entries a permitted GET writes (accesslog/tests/test_route_walk.py): the page names
# the person and lists their enrolments.
ACCESS_LOG = {"enrolment_anonymise": 1}
