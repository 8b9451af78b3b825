"""The shared dated status history (core/status_history.py, ADR 0025), through the enrolment's
history: the end-of-period rule, the transition table and the one write."""

import datetime as dt

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from brobygger.core.models import AuditEvent
from brobygger.core.status_history import (
    TransitionTable,
    before_last_change,
    status_change,
    status_date_errors,
)
from brobygger.enrolments.models import Status, StatusChange
from brobygger.enrolments.services import enrolment_transition
from brobygger.enrolments.transitions import TABLE
from brobygger.testing import make_enrolment

D = dt.date


def test_a_row_covers_its_first_day_and_ends_the_day_the_next_row_starts():
    row = StatusChange(status=Status.DELTAR, valid_from=D(2026, 3, 1), valid_to=D(2026, 3, 10))
    assert row.covers(D(2026, 3, 1)) and row.covers(D(2026, 3, 9))
    assert not row.covers(D(2026, 3, 10))  # the next row's first day
    assert not row.covers(D(2026, 2, 28))
    assert StatusChange(status=Status.DELTAR, valid_from=D(2026, 3, 1)).covers(D(2099, 1, 1))
    # Two changes on one day: the first row is kept but covers no day.
    same_day = StatusChange(
        status=Status.VURDERES, valid_from=D(2026, 3, 1), valid_to=D(2026, 3, 1)
    )
    assert not same_day.covers(D(2026, 3, 1))


def test_a_row_names_its_status_and_colour():
    row = StatusChange(status=Status.AVBRUTT, valid_from=D(2026, 3, 1))
    assert str(row) == "Avbrutt fra 2026-03-01"
    assert row.status_color == "danger"


def test_the_table_refuses_with_both_labels_alone_or_under_a_field():
    with pytest.raises(ValidationError) as err:
        TABLE.check(Status.DELTAR, Status.SOKT_INN)
    assert err.value.messages == ["Kan ikke endre status fra «Deltar» til «Søkt inn»."]
    assert err.value.code == "transition_not_allowed"
    with pytest.raises(ValidationError) as err:
        TABLE.check(Status.FULLFORT, "NO_SUCH_STATUS", field=NON_FIELD_ERRORS)
    assert err.value.message_dict == {
        NON_FIELD_ERRORS: ["Kan ikke endre status fra «Fullført» til «NO_SUCH_STATUS»."]
    }
    TABLE.check(Status.DELTAR, Status.PERMISJON)  # allowed: no error
    assert TABLE.targets(Status.FEILREGISTRERT) == frozenset()


def test_a_table_is_built_from_any_iterables():
    table = TransitionTable({"a": ["b"], "b": ()}, labels={"a": "A", "b": "B"})
    assert table.allows("a", "b") and not table.allows("b", "a")
    assert not table.allows("unknown", "a")


def test_a_typed_date_is_never_ahead_and_needs_a_reason_when_back_dated():
    today = D(2026, 9, 1)
    assert status_date_errors(on=D(2026, 9, 2), today=today, late_reason="x") == {
        "on": "Datoen kan ikke være fram i tid."
    }
    assert status_date_errors(on=D(2026, 8, 1), today=today, late_reason="  ") == {
        "late_reason": "Skriv hvorfor statusendringen registreres med en dato tilbake i tid."
    }
    assert status_date_errors(on=D(2026, 8, 1), today=today, late_reason="Kom sent inn") == {}
    assert status_date_errors(on=today, today=today, late_reason="") == {}


def test_a_date_before_the_latest_row_is_refused_by_name(personas):
    history = personas.enrolment.history.all()
    latest = history.order_by("-valid_from", "-id").first()
    assert before_last_change(history, latest.valid_from) is None
    message = before_last_change(history, latest.valid_from - dt.timedelta(days=1))
    assert message == (
        f"Datoen kan ikke være før forrige statusendring ({latest.valid_from:%d.%m.%Y})."
    )
    assert before_last_change(history, D(2000, 1, 1), message="For tidlig.") == "For tidlig."
    assert before_last_change(StatusChange.objects.none(), D(2000, 1, 1)) is None


def test_a_change_ends_the_open_row_on_the_day_the_new_one_starts(personas):
    enrolment = make_enrolment(personas.cohort, status=Status.VURDERES)
    on = personas.cohort.start_date - dt.timedelta(days=10)
    enrolment_transition(by=personas.coordinator, enrolment=enrolment, to=Status.VENTELISTE, on=on)
    *_, closed, current = enrolment.history.order_by("valid_from", "id")
    assert (closed.status, closed.valid_to) == (Status.VURDERES, on)
    assert (current.status, current.valid_from, current.valid_to) == (Status.VENTELISTE, on, None)
    assert enrolment.history.filter(valid_to__isnull=True).count() == 1


def _history(enrolment):
    return list(enrolment.history.values_list("status", "valid_from", "valid_to"))


def test_the_write_itself_refuses_a_move_the_table_forbids_and_writes_nothing(personas):
    enrolment = personas.enrolment
    rows, events = _history(enrolment), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as err, transaction.atomic():
        status_change(
            by=personas.coordinator,
            obj=enrolment,
            row=StatusChange(status=Status.SOKT_INN, valid_from=D(2026, 12, 1)),
            table=TABLE,
            organisation=None,
            audit_rows=False,
        )
    assert err.value.code == "transition_not_allowed"
    enrolment.refresh_from_db()
    assert enrolment.status == Status.DELTAR
    assert (_history(enrolment), AuditEvent.objects.count()) == (rows, events)


def test_an_invalid_row_is_refused_before_the_open_row_is_closed(personas):
    enrolment = personas.enrolment
    rows, events = _history(enrolment), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as err, transaction.atomic():
        status_change(
            by=personas.coordinator,
            obj=enrolment,
            row=StatusChange(status=Status.PERMISJON, valid_from=D(2026, 12, 1), note="x" * 501),
            table=TABLE,
            organisation=None,
            audit_rows=False,
        )
    assert list(err.value.message_dict) == ["note"]
    enrolment.refresh_from_db()
    assert enrolment.status == Status.DELTAR
    assert (_history(enrolment), AuditEvent.objects.count()) == (rows, events)


def test_the_write_runs_only_inside_a_transaction(personas, monkeypatch):
    with monkeypatch.context() as patch, pytest.raises(RuntimeError):
        patch.setattr(transaction.get_connection(), "in_atomic_block", False)
        status_change(
            by=personas.coordinator,
            obj=personas.enrolment,
            row=StatusChange(status=Status.PERMISJON, valid_from=D(2026, 12, 1)),
            table=TABLE,
            organisation=None,
            audit_rows=False,
        )
