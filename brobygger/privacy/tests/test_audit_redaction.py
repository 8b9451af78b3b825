"""Personal values never enter the append-only audit trail: the event says which field
changed, who changed it and when, but not to what."""

import pytest

from brobygger.core import appendonly
from brobygger.core.appendonly import REDACTED, redact, register_personal_fields
from brobygger.core.models import AuditEvent
from brobygger.enrolments.services import participant_create
from brobygger.enrolments.tests.factories import synthetic_fnr

pytestmark = pytest.mark.django_db


def test_a_new_participant_is_audited_without_name_contact_or_national_id(personas):
    fnr = synthetic_fnr()
    person = participant_create(
        by=personas.coordinator,
        first_name="Hedda",
        last_name="Hemmelig",
        national_id=fnr,
        email="hedda@example.invalid",
        phone="+47 400 00 001",
        municipality_id="4601",
    )
    event = AuditEvent.objects.get(object_type="enrolments.participant", object_id=str(person.pk))
    assert event.changes["first_name"] == [None, REDACTED]
    assert event.changes["national_id"] == [None, REDACTED]
    assert event.changes["phone"] == [None, REDACTED]
    assert event.changes["municipality_id"] == [None, "4601"]  # not personal: kept
    text = str(event.changes)
    for secret in ("Hedda", "Hemmelig", fnr, "hedda@", "400 00 001"):
        assert secret not in text


def test_an_app_can_register_its_own_personal_fields(monkeypatch):
    monkeypatch.setattr(appendonly, "PERSONAL_FIELDS", dict(appendonly.PERSONAL_FIELDS))
    changes = {"about": ["", "Jeg liker fjellturer."], "hours": ["1", "2"]}
    assert redact("demo.profile", changes) == changes
    register_personal_fields("demo.Profile", "about")
    assert redact("demo.profile", changes) == {"about": ["", REDACTED], "hours": ["1", "2"]}


def test_every_field_retention_clears_is_also_kept_out_of_the_audit_trail():
    from brobygger.privacy.personal import BUILTIN

    cleared = {
        "enrolments.participant": {"first_name", "last_name", "birth_date", "national_id"},
        "enrolments.enrolment": {"motivation"},
        "enrolments.statuschange": {"reason_text", "note"},
        "placements.timesheet": {"supervisor_comment"},
        "placements.evaluation": {"text"},
        "assessments.submission": {"original_name"},
        "assessments.assessment": {"feedback"},
        "completion.completion": {"exception_reason"},
    }
    for label, fields in cleared.items():
        assert fields <= appendonly.PERSONAL_FIELDS[label] == frozenset(BUILTIN[label])
