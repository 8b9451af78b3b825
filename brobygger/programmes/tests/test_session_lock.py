"""Adding, editing or cancelling a session locks the cohort row and nothing it joins: a lock on
the organisation row deadlocked with requests writing the read log of the same organisation
(found by the two-server test, deploy/loadtest/two_servers.py)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from brobygger.programmes import session_services


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")
def test_the_session_services_lock_only_the_cohort_row(personas):
    with CaptureQueriesContext(connection) as queries:
        session_services.session_create(
            by=personas.coordinator,
            cohort=personas.cohort,
            date=dt.date(2026, 8, 18),
            start_time=dt.time(9),
            end_time=dt.time(12),
        )
    locks = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert locks and all(sql.endswith('FOR UPDATE OF "programmes_cohort"') for sql in locks)
