import datetime as dt

from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Status
from brobygger.enrolments.services import enrolment_transition


def test_a_status_change_leaves_an_audit_event_with_old_and_new(personas):
    enrolment = personas.enrolment
    enrolment_transition(
        by=personas.coordinator,
        enrolment=enrolment,
        to=Status.PERMISJON,
        on=personas.cohort.start_date + dt.timedelta(days=10),
    )
    event = AuditEvent.objects.filter(action="status_change", object_id=str(enrolment.pk)).first()
    assert event is not None
    assert event.actor == personas.coordinator
    assert event.changes["status"] == [Status.DELTAR, Status.PERMISJON]
    assert event.organisation == personas.bergen
    assert f"coordinator@{personas.bergen.pk}" in event.actor_roles
