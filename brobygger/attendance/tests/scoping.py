"""Bergen objects for the authorisation matrix (core/tests/test_authorisation_matrix.py)."""

import datetime as dt

from brobygger.core.testing import make_session

OBJECTS = {
    "session_attendance": lambda personas: make_session(
        personas.cohort, date=dt.date(2026, 9, 3), teacher=personas.teacher
    ),
}
