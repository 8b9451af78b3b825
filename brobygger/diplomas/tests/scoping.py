from brobygger.diplomas.tests.factories import make_diploma

OBJECTS = {
    "diploma_issue": lambda personas: personas.enrolment,
    "diploma_pdf": make_diploma,
    "diploma_invalidate": make_diploma,
}

# Read-log entries a permitted GET writes (accesslog/tests/test_route_walk.py): the PDF shows the
# person; the invalidate form shows only the code; issuing is POST only.
ACCESS_LOG = {"diploma_issue": 0, "diploma_pdf": 1, "diploma_invalidate": 0}
