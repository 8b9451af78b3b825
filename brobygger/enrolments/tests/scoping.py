"""Bergen objects for the authorisation matrix (core/tests/test_authorisation_matrix.py)."""

OBJECTS = {
    "cohort_applications": lambda personas: personas.cohort,
    "application_create": lambda personas: personas.cohort,
    "enrolment_transition": lambda personas: personas.enrolment,
    "waitlist_move": lambda personas: personas.enrolment,
    "participation_period_create": lambda personas: personas.enrolment,
}
