"""Bergen objects for the authorisation matrix (core/tests/test_authorisation_matrix.py)."""

OBJECTS = {
    "cohort_overview": lambda personas: personas.cohort,
    "enrolment_detail": lambda personas: personas.enrolment,
    "completion_confirm": lambda personas: personas.enrolment,
    "completion_approve": lambda personas: personas.enrolment,
}
