"""Bergen objects for the authorisation matrix (core/tests/test_authorisation_matrix.py)."""

import datetime as dt

from brobygger.testing import make_session


def _cohort_with_a_held_session(personas):  # type: ignore[no-untyped-def]
    """The cohort, with a session held in the term the matrix opens on (autumn 2026)."""
    make_session(personas.cohort, date=dt.date(2026, 9, 4), teacher=personas.teacher)
    return personas.cohort


OBJECTS = {
    "session_attendance": lambda personas: make_session(
        personas.cohort, date=dt.date(2026, 9, 3), teacher=personas.teacher
    ),
    "cohort_attendance": _cohort_with_a_held_session,
}
