"""A hiring move leaves one audit event per row it writes: the closed history row, the new one
and the case (core.status_history.status_change with audit_rows, ADR 0008)."""

import pytest
from django.core.exceptions import ValidationError

from brobygger.core.models import AuditEvent
from brobygger.employment import services
from brobygger.employment.models import HiringCase, HiringStatus, HiringStatusChange
from brobygger.employment.tests.factories import TODAY, make_candidate, make_position
from brobygger.employment.transitions import CANDIDATE, EMPLOYER
from brobygger.privacy.tests.helpers import assert_one_event_per_changed_row, audit_per_row


@pytest.fixture
def case(personas):
    position = make_position(personas.employer, personas.employer_org)
    return services.hiring_invite(
        by=personas.employer, position=position, participant=make_candidate(personas), on=TODAY
    )


def test_an_invitation_audits_the_case_and_its_first_row(personas):
    position = make_position(personas.employer, personas.employer_org)
    with audit_per_row(HiringCase, HiringStatusChange) as check:
        services.hiring_invite(
            by=personas.employer,
            position=position,
            participant=make_candidate(personas),
            on=TODAY,
        )
    assert_one_event_per_changed_row(check)


def test_a_move_audits_the_closed_row_the_new_row_and_the_case(personas, case):
    first = case.history.get()
    with audit_per_row(HiringCase, HiringStatusChange) as check:
        services.hiring_transition(
            by=None, case=case, to=HiringStatus.INTERVIEW, actor=CANDIDATE, on=TODAY
        )
    assert_one_event_per_changed_row(check)
    assert len(check.changed) == 3
    closed = AuditEvent.objects.get(action="close", object_id=str(first.pk))
    assert closed.object_type == "employment.hiringstatuschange"
    assert AuditEvent.objects.get(action="transition", object_id=str(case.pk)).changes == {
        "status": [HiringStatus.INVITED, HiringStatus.INTERVIEW]
    }


def test_a_refused_move_writes_and_audits_nothing(personas, case):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        services.hiring_transition(
            by=personas.employer, case=case, to=HiringStatus.OFFER, actor=EMPLOYER, on=TODAY
        )
    assert AuditEvent.objects.count() == events
    assert list(case.history.values_list("status", "valid_to")) == [(HiringStatus.INVITED, None)]
