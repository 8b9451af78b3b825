"""Writes for the written assignment: submit an attempt, assess it, log a download.

Every attempt is kept; a new one may follow only a "not approved" or "resubmit" assessment.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.assessments import filetypes
from brobygger.assessments.models import Assessment, Outcome, Submission, private_storage
from brobygger.assessments.rules import submission_refusal
from brobygger.core.audit import audit_create, audit_record, diff, snapshot
from brobygger.enrolments.models import Enrolment

NEEDS_FEEDBACK = frozenset({Outcome.NOT_APPROVED, Outcome.RESUBMIT})
# The original file name may carry the participant's name: keep it out of the audit trail.
_AUDITED_FIELDS = [
    "id",
    "enrolment_id",
    "attempt",
    "file",
    "content_type",
    "size",
    "sha256",
    "submitted_by_id",
    "submitted_at",
]


def storage() -> Storage:
    """The private storage, resolved now. The model field's instance is bound at import time,
    so settings overrides (tests, a changed BROBYGGER_PRIVATE_ROOT) would not reach it."""
    return private_storage()  # type: ignore[no-any-return]


def _owner_org(enrolment: Enrolment) -> Any:
    return enrolment.cohort.version.programme.organisation


def _sha256(upload: Any) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
        size += len(chunk)
    upload.seek(0)
    return digest.hexdigest(), size


def submission_create(*, by: Any, enrolment: Enrolment, upload: Any) -> Submission:
    """Validate the file by its content, store it under a random token, record the attempt.

    The file is written inside the transaction; if anything fails (a rule, the database, the
    commit), the stored file is deleted again, so no orphan files are left behind.
    """
    kind = filetypes.check_upload(upload)  # before any write: nothing to undo on refusal
    sha256, size = _sha256(upload)
    stored: list[str] = []
    try:
        with transaction.atomic():
            submission = _create_row(
                by=by,
                enrolment=enrolment,
                upload=upload,
                kind=kind,
                sha256=sha256,
                size=size,
                stored=stored,
            )
    except BaseException:
        for name in stored:
            storage().delete(name)
        raise
    return submission


def _create_row(
    *,
    by: Any,
    enrolment: Enrolment,
    upload: Any,
    kind: filetypes.FileKind,
    sha256: str,
    size: int,
    stored: list[str],
) -> Submission:
    # Lock the enrolment so two uploads at once cannot both become attempt N.
    locked = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("cohort__version__programme__organisation")
        .get(pk=enrolment.pk)
    )
    latest = (
        Submission.objects.filter(enrolment=locked)
        .select_related("assessment")
        .order_by("-attempt")
        .first()
    )
    refusal = submission_refusal(locked, latest)
    if refusal:
        raise ValidationError(refusal, code="not_open")

    token = secrets.token_urlsafe(24)
    name = storage().save(f"assignments/{locked.pk}/{token}", upload)
    stored.append(name)
    submission = Submission(
        enrolment=locked,
        attempt=(latest.attempt if latest else 0) + 1,
        file=name,
        file_token=token,
        original_name=filetypes.safe_filename(upload.name, kind=kind),
        content_type=kind.content_type,
        size=size,
        sha256=sha256,
        submitted_by=by,
        submitted_at=timezone.now(),
    )
    submission.full_clean()
    submission.save()
    audit_record(
        by=by,
        action="create",
        obj=submission,
        organisation=_owner_org(locked),
        changes=diff({}, snapshot(submission, _AUDITED_FIELDS)),
    )
    return submission


@transaction.atomic
def submission_assess(
    *, by: Any, submission: Submission, outcome: str, feedback: str = ""
) -> Assessment:
    """Assess the latest attempt, once. Feedback is required unless it is approved."""
    locked = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("enrolment__cohort__version__programme__organisation")
        .get(pk=submission.pk)
    )
    if Submission.objects.filter(
        enrolment_id=locked.enrolment_id, attempt__gt=locked.attempt
    ).exists():
        raise ValidationError(_("Bare den siste innleveringen kan vurderes."), code="not_latest")
    if Assessment.objects.filter(submission=locked).exists():
        raise ValidationError(_("Innleveringen er allerede vurdert."), code="already_assessed")
    feedback = (feedback or "").strip()
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Velg en vurdering.")
    elif outcome in NEEDS_FEEDBACK and not feedback:
        errors["feedback"] = _(
            "Skriv en tilbakemelding når oppgaven ikke er godkjent eller må leveres på nytt."
        )
    if errors:
        raise ValidationError(errors)
    assessment = Assessment(
        submission=locked,
        outcome=outcome,
        feedback=feedback,
        assessed_by=by,
        assessed_at=timezone.now(),
    )
    assessment.full_clean()
    assessment.save()
    audit_create(by=by, obj=assessment, organisation=_owner_org(locked.enrolment))
    return assessment


@transaction.atomic
def submission_download_log(*, by: Any, submission: Submission) -> None:
    """A read of personal data: leave a trace the participant can be shown (Normen)."""
    audit_record(
        by=by,
        action="download",
        obj=submission,
        organisation=_owner_org(submission.enrolment),
    )
