"""participant_protect / protected_access_grant / revoke / participant_unprotect."""

import pytest
from django.core.exceptions import ValidationError

from brobygger.accesslog.models import ProtectedAccess
from brobygger.accesslog.protection import (
    participant_protect,
    participant_unprotect,
    protected_access_grant,
    protected_access_revoke,
)
from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import ProtectionReason


def grantees(participant):
    return set(
        ProtectedAccess.objects.filter(participant=participant).values_list("user", flat=True)
    )


def test_protecting_records_the_reason_and_grants_the_marker(personas):
    participant = personas.enrolment.participant
    participant_protect(
        participant=participant, by=personas.coordinator, reason=ProtectionReason.SAME_SERVICE
    )
    participant.refresh_from_db()
    assert participant.is_protected
    assert participant.protected_reason == ProtectionReason.SAME_SERVICE
    assert participant.protected_by == personas.coordinator
    assert participant.protected_at is not None
    assert grantees(participant) == {personas.coordinator.pk}
    event = AuditEvent.objects.get(action="protect")
    assert event.changes["is_protected"] == [False, True]
    assert event.object_id == str(participant.pk)
    assert (
        AuditEvent.objects.filter(action="create", object_type="accesslog.protectedaccess").count()
        == 1
    )


def test_named_users_are_granted_in_the_same_step_and_unnamed_ones_revoked(personas):
    participant = personas.enrolment.participant
    participant_protect(
        participant=participant,
        by=personas.coordinator,
        reason=ProtectionReason.PROTECTED_ADDRESS,
        users=[personas.teacher, personas.supervisor],
    )
    assert grantees(participant) == {
        personas.coordinator.pk,
        personas.teacher.pk,
        personas.supervisor.pk,
    }
    participant_protect(
        participant=participant,
        by=personas.coordinator,
        reason=ProtectionReason.PROTECTED_ADDRESS,
        users=[personas.supervisor],
    )
    assert grantees(participant) == {personas.coordinator.pk, personas.supervisor.pk}
    assert (
        AuditEvent.objects.filter(action="delete", object_type="accesslog.protectedaccess").count()
        == 1
    )


def test_other_needs_a_description_and_nothing_is_saved_without(personas):
    participant = personas.enrolment.participant
    with pytest.raises(ValidationError) as error:
        participant_protect(participant=participant, by=personas.coordinator, reason="OTHER")
    assert "reason_text" in error.value.message_dict
    with pytest.raises(ValidationError):
        participant_protect(participant=participant, by=personas.coordinator, reason="nonsense")
    participant.refresh_from_db()
    assert not participant.is_protected
    assert not ProtectedAccess.objects.exists()
    assert not AuditEvent.objects.filter(action="protect").exists()


def test_the_participant_cannot_be_named_for_themself(personas):
    participant = personas.enrolment.participant
    with pytest.raises(ValidationError):
        participant_protect(
            participant=participant,
            by=personas.coordinator,
            reason=ProtectionReason.SAME_SERVICE,
            users=[personas.participant_user],
        )
    participant.refresh_from_db()
    assert not participant.is_protected  # all or nothing


def test_the_last_name_cannot_be_revoked(personas):
    participant = personas.enrolment.participant
    participant_protect(
        participant=participant, by=personas.coordinator, reason=ProtectionReason.SAME_SERVICE
    )
    with pytest.raises(ValidationError):
        protected_access_revoke(
            participant=participant, user=personas.coordinator, by=personas.coordinator
        )
    protected_access_grant(participant=participant, user=personas.teacher, by=personas.coordinator)
    protected_access_revoke(participant=participant, user=personas.teacher, by=personas.coordinator)
    assert grantees(participant) == {personas.coordinator.pk}


def test_lifting_the_protection_clears_it_and_its_grants(personas):
    participant = personas.enrolment.participant
    participant_protect(
        participant=participant,
        by=personas.coordinator,
        reason=ProtectionReason.OTHER,
        reason_text="Nær familie av en ansatt",
        users=[personas.teacher],
    )
    participant_unprotect(participant=participant, by=personas.coordinator)
    participant.refresh_from_db()
    assert not participant.is_protected
    assert participant.protected_reason == "" and participant.protected_reason_text == ""
    assert grantees(participant) == set()
    assert AuditEvent.objects.filter(action="unprotect").count() == 1
