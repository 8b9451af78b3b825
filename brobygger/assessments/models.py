"""The written assignment: every submitted attempt is kept, each with at most one assessment."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def private_storage():  # type: ignore[no-untyped-def]
    return storages["private"]


def submission_path(instance: Submission, filename: str) -> str:
    # Never the participant's name or the original filename in the stored path.
    return f"assignments/{instance.enrolment_id}/{instance.file_token}"


class Submission(models.Model):
    enrolment = models.ForeignKey(
        "enrolments.Enrolment", on_delete=models.PROTECT, related_name="submissions"
    )
    attempt = models.PositiveSmallIntegerField()
    file = models.FileField(storage=private_storage, upload_to=submission_path, max_length=300)
    file_token = models.CharField(max_length=64, unique=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["attempt"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "attempt"], name="submission_unique_attempt"
            )
        ]


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Godkjent")
    NOT_APPROVED = "not_approved", _("Ikke godkjent")
    RESUBMIT = "resubmit", _("Må leveres på nytt")


class Assessment(models.Model):
    submission = models.OneToOneField(
        Submission, on_delete=models.PROTECT, related_name="assessment"
    )
    outcome = models.CharField(_("vurdering"), max_length=16, choices=Outcome.choices)
    feedback = models.TextField(_("tilbakemelding"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField()
