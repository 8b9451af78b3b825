"""Consents: given with a time and the version of the text shown, withdrawn by a dated row.

A consent is active while `withdrawn_at` is empty. Giving it again makes a new row, so the
history of what the person agreed to, and when, is kept.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentPurpose(models.TextChoices):
    # Sharing a candidate profile with employers (the employment app).
    EMPLOYER_PROFILE = "employer_profile", _("Dele kandidatprofil med arbeidsgivere")


class Consent(models.Model):
    participant = models.ForeignKey(
        "enrolments.Participant", on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("formål"), max_length=40, choices=ConsentPurpose.choices)
    text_version = models.CharField(_("tekstversjon"), max_length=20)
    given_at = models.DateTimeField(_("gitt"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("trukket"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        constraints = [
            # At most one active consent per person and purpose.
            models.UniqueConstraint(
                fields=["participant", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="consent_one_active_per_purpose",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.text_version})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class Anonymisation(models.Model):
    """A person whose personal data has been removed: by the daily retention job when the
    retention period ran out, or earlier by a coordinator on request. One row per person,
    which is also what makes the job idempotent."""

    participant = models.OneToOneField(
        "enrolments.Participant", on_delete=models.PROTECT, related_name="anonymisation"
    )
    at = models.DateTimeField(_("anonymisert"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    early = models.BooleanField(_("før oppbevaringstiden var ute"), default=False)
    # The coordinator's reason for an early anonymisation (kept as the record of the request);
    # never copied into the audit trail.
    reason = models.TextField(_("begrunnelse"), blank=True)
    # The last enrolment's end date the retention period was counted from (None: no enrolment).
    ended_on = models.DateField(_("avsluttet"), null=True, blank=True)
    rows_changed = models.PositiveIntegerField(default=0)
    files_deleted = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("anonymisering")
        verbose_name_plural = _("anonymiseringer")

    def __str__(self) -> str:
        return f"Anonymisering #{self.participant_id} {self.at:%Y-%m-%d}"
