"""Two connections inserting into the logs at once do not fork the hash chain (ADR 0013): the
PostgreSQL insert trigger takes one advisory lock for both chains. (SQLite serialises writers
itself: IMMEDIATE transactions.)"""

import threading

import pytest
from django.db import connection, connections, transaction

from brobygger.accesslog.models import AccessEvent
from brobygger.core.models import AuditEvent
from brobygger.core.verify import verify_all
from brobygger.enrolments.models import Participant

WRITERS = 4
ROWS = 15


def test_concurrent_writers_keep_one_unbroken_chain(transactional_db):
    # The fixture, not the marker: conftest then restores the reference data the flush removes.
    if connection.vendor != "postgresql":
        pytest.skip("SQLite allows one writer at a time; the race needs PostgreSQL")
    participant = Participant.objects.create(first_name="Test", last_name="Testesen")
    start = threading.Barrier(WRITERS)
    errors = []

    def write(n):
        try:
            start.wait(timeout=30)
            for i in range(ROWS):
                with transaction.atomic():  # a service: the lock is held until commit
                    AuditEvent.objects.create(action="x", object_type="t.w", object_id=f"{n}.{i}")
                    AccessEvent.objects.create(participant=participant, shown=f"{n}.{i}")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    for report in verify_all():
        assert report.rows == WRITERS * ROWS
        assert report.problems == []
        assert report.head is not None and report.head[0] == WRITERS * ROWS
