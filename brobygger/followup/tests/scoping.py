from brobygger.diplomas.tests.factories import make_completion
from brobygger.followup.tests.factories import make_employment

OBJECTS = {
    "followup_completion_answer": make_completion,
    "followup_hire_answer": lambda personas: make_employment(personas.enrolment.participant),
}
EXTRA_ARGS = {
    "followup_completion_answer": {"months": 6},
    "followup_hire_answer": {"months": 6},
}

# Read-log entries a permitted GET writes (accesslog/tests/test_route_walk.py).
ACCESS_LOG = {"followup_completion_answer": 1, "followup_hire_answer": 1}
