import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from brobygger.assessments import services
from brobygger.assessments.models import Assessment, Outcome, Submission
from brobygger.assessments.services import submission_assess, submission_create
from brobygger.assessments.tests.factories import (
    MINIMAL_PDF,
    minimal_docx,
    minimal_odt,
    stored_files,
    upload,
)
from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Status
from brobygger.enrolments.services import enrolment_transition
from brobygger.testing import make_enrolment


def create(personas, name="Dina Deltakersen oppgave.pdf", content=MINIMAL_PDF, enrolment=None):
    return submission_create(
        by=personas.participant_user,
        enrolment=enrolment or personas.enrolment,
        upload=upload(name, content),
    )


def test_a_pdf_is_stored_under_a_random_token_without_any_name(personas):
    submission = create(personas)
    submission.refresh_from_db()
    assert submission.attempt == 1
    assert submission.file.name == f"assignments/{personas.enrolment.pk}/{submission.file_token}"
    assert len(submission.file_token) >= 32
    for word in ("Dina", "Deltakersen", "oppgave", ".pdf"):
        assert word not in submission.file.name
    assert submission.original_name == "Dina Deltakersen oppgave.pdf"
    assert submission.content_type == "application/pdf"
    assert submission.size == len(MINIMAL_PDF)
    assert submission.sha256 == hashlib.sha256(MINIMAL_PDF).hexdigest()
    assert submission.submitted_by == personas.participant_user
    [path] = stored_files()
    assert path.read_bytes() == MINIMAL_PDF
    assert str(path).endswith(submission.file.name)


def test_docx_and_odt_get_their_content_types(personas):
    docx = create(personas, "a.docx", minimal_docx())
    assert docx.content_type.endswith("wordprocessingml.document")
    Assessment.objects.create(
        submission=docx,
        outcome=Outcome.RESUBMIT,
        feedback="x",
        assessed_by=personas.coordinator,
        assessed_at=docx.submitted_at,
    )
    odt = create(personas, "b.odt", minimal_odt())
    assert odt.content_type == "application/vnd.oasis.opendocument.text"
    assert odt.attempt == 2


def test_a_text_file_renamed_pdf_saves_nothing(personas):
    with pytest.raises(ValidationError) as caught:
        create(personas, "oppgave.pdf", b"bare tekst")
    assert "Innholdet stemmer ikke med filnavnet" in caught.value.message_dict["file"][0]
    assert not Submission.objects.exists()
    assert stored_files() == []


def test_the_create_is_audited_without_the_original_name(personas):
    submission = create(personas)
    event = AuditEvent.objects.get(object_type="assessments.submission", action="create")
    assert event.object_id == str(submission.pk)
    assert event.actor == personas.participant_user
    assert event.organisation == personas.bergen
    assert event.changes["attempt"] == [None, 1]
    assert "original_name" not in event.changes
    assert "Deltakersen" not in str(event.changes)


def test_a_new_attempt_waits_for_the_assessment(personas):
    create(personas)
    with pytest.raises(ValidationError) as caught:
        create(personas)
    assert caught.value.messages == ["Forrige innlevering er ikke vurdert ennå."]
    assert Submission.objects.count() == 1
    assert len(stored_files()) == 1


def test_nothing_more_after_approval(personas):
    first = create(personas)
    submission_assess(by=personas.coordinator, submission=first, outcome=Outcome.APPROVED)
    with pytest.raises(ValidationError) as caught:
        create(personas)
    assert caught.value.messages == ["Oppgaven er allerede godkjent."]
    assert len(stored_files()) == 1


@pytest.mark.parametrize("outcome", [Outcome.RESUBMIT, Outcome.NOT_APPROVED])
def test_all_attempts_are_kept_after_resubmit(personas, outcome):
    first = create(personas)
    submission_assess(
        by=personas.coordinator, submission=first, outcome=outcome, feedback="Mer refleksjon."
    )
    second = create(personas, "ny.docx", minimal_docx())
    assert [s.attempt for s in Submission.objects.filter(enrolment=personas.enrolment)] == [1, 2]
    assert second.file_token != first.file_token
    assert len(stored_files()) == 2
    first.refresh_from_db()
    assert first.assessment.outcome == outcome


@pytest.mark.parametrize("status", [Status.VENTER_PA_OPPSTART, Status.SOKT_INN])
def test_only_while_taking_part_or_on_leave(personas, status):
    enrolment = make_enrolment(personas.cohort, status=status)
    with pytest.raises(ValidationError) as caught:
        create(personas, enrolment=enrolment)
    assert "Deltar" in caught.value.messages[0]
    assert stored_files() == []


def test_on_leave_may_hand_in_but_not_after_discontinuing(personas):
    enrolment_transition(by=None, enrolment=personas.enrolment, to=Status.PERMISJON)
    assert create(personas).attempt == 1
    enrolment = make_enrolment(personas.cohort)
    enrolment_transition(by=None, enrolment=enrolment, to=Status.AVBRUTT, reason="ILLNESS")
    with pytest.raises(ValidationError):
        create(personas, enrolment=enrolment)


def test_a_failed_database_write_leaves_no_orphan_file(personas, monkeypatch):
    def broken(**kwargs):
        assert len(stored_files()) == 1  # the file was written before the failure
        raise IntegrityError("disk full")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(IntegrityError):
        create(personas)
    assert not Submission.objects.exists()
    assert stored_files() == []


def test_assess_needs_feedback_unless_approved(personas):
    submission = create(personas)
    for outcome in (Outcome.NOT_APPROVED, Outcome.RESUBMIT):
        with pytest.raises(ValidationError) as caught:
            submission_assess(
                by=personas.coordinator, submission=submission, outcome=outcome, feedback="  "
            )
        assert "feedback" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        submission_assess(by=personas.coordinator, submission=submission, outcome="maybe")
    assert caught.value.message_dict["outcome"] == ["Velg en vurdering."]
    assert not Assessment.objects.exists()


def test_assess_once_and_audited(personas):
    submission = create(personas)
    assessment = submission_assess(
        by=personas.coordinator,
        submission=submission,
        outcome=Outcome.RESUBMIT,
        feedback=" Utdyp del 2. ",
    )
    assert assessment.feedback == "Utdyp del 2."
    assert assessment.assessed_by == personas.coordinator
    event = AuditEvent.objects.get(object_type="assessments.assessment")
    assert event.changes["outcome"] == [None, "resubmit"]
    assert event.organisation == personas.bergen
    with pytest.raises(ValidationError) as caught:
        submission_assess(by=personas.coordinator, submission=submission, outcome="approved")
    assert caught.value.messages == ["Innleveringen er allerede vurdert."]
    assert Assessment.objects.count() == 1


def test_only_the_latest_attempt_can_be_assessed(personas):
    first = create(personas)
    Assessment.objects.create(
        submission=first,
        outcome=Outcome.RESUBMIT,
        feedback="x",
        assessed_by=personas.coordinator,
        assessed_at=first.submitted_at,
    )
    create(personas)
    Assessment.objects.filter(submission=first).delete()  # as if never assessed
    with pytest.raises(ValidationError) as caught:
        submission_assess(by=personas.coordinator, submission=first, outcome="approved")
    assert caught.value.messages == ["Bare den siste innleveringen kan vurderes."]
