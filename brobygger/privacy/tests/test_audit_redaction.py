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
    appendonly.redacted_fields.cache_clear()
    # A number field is kept unless registered personal.
    assert redact("programmes.session", {"teacher_id": [1, 2]}) == {"teacher_id": [1, 2]}
    register_personal_fields("programmes.Session", "teacher_id")
    appendonly.redacted_fields.cache_clear()
    assert redact("programmes.session", {"teacher_id": [1, 2]}) == {
        "teacher_id": [REDACTED, REDACTED]
    }
    appendonly.redacted_fields.cache_clear()


def test_text_and_dates_are_redacted_unless_declared_non_personal():
    """Deny by default: a field nobody classified keeps its value out of the trail."""
    assert redact("employment.position", {"title": ["", "Erfaringskonsulent"]}) == {
        "title": ["", REDACTED]
    }
    assert redact("programmes.cohort", {"name": ["", "Kull 3"], "place": ["", "Fana"]}) == {
        "name": ["", "Kull 3"],
        "place": ["", "Fana"],
    }
    # A computed key with text is hidden; numbers, booleans and id lists stay.
    assert redact("completion.completion", {"missing": [None, "6 timer"], "ok": [None, True]}) == {
        "missing": [None, REDACTED],
        "ok": [None, True],
    }


def test_every_model_s_text_and_date_fields_are_redacted_or_declared():
    """Walks every model: each text, e-mail, date or JSON field is either redacted in the audit
    trail or declared non-personal on purpose, and every declaration names a real field."""
    from django.apps import apps

    from brobygger.privacy.personal import NON_PERSONAL

    revealing = appendonly._REVEALING
    for model in apps.get_models():
        label = model._meta.label_lower
        hidden = appendonly.redacted_fields(label)
        allowed = appendonly.NON_PERSONAL_FIELDS.get(label, frozenset())
        for field in model._meta.concrete_fields:
            if isinstance(field, revealing) and not field.choices and not field.primary_key:
                assert field.attname in hidden or {field.name, appendonly.ALL_FIELDS} & allowed, (
                    f"{label}.{field.name} is neither redacted nor declared non-personal"
                )
    for label, fields in NON_PERSONAL.items():
        names = {f.name for f in apps.get_model(label)._meta.concrete_fields}
        assert set(fields) - {appendonly.ALL_FIELDS, "format"} <= names, label


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
