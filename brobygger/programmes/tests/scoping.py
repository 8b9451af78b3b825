"""Bergen objects for the authorisation matrix (core/tests/test_authorisation_matrix.py)."""

import datetime as dt

from brobygger.testing import make_session

OBJECTS = {
    "cohort_edit": lambda personas: personas.cohort,
    "cohort_sessions": lambda personas: personas.cohort,
    "session_create": lambda personas: personas.cohort,
    "session_series_create": lambda personas: personas.cohort,
    "version_create": lambda personas: personas.version.programme,
    "version_edit": lambda personas: personas.version,
    "session_edit": lambda personas: make_session(personas.cohort, date=dt.date(2026, 9, 1)),
    "session_cancel": lambda personas: make_session(personas.cohort, date=dt.date(2026, 9, 2)),
}
