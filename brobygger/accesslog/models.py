"""The read log: one row each time a page, export or file shows one participant's personal data.

Append-only like the audit trail. The participant reads their own rows on "Hvem har sett mine
opplysninger"; denied attempts are kept apart (`denied=True`) so the person's page lists only
what was actually shown.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brobygger.core.appendonly import AppendOnlyModel
from brobygger.core.chain import ChainDigestField, ChainHashField, ChainSeqField


class AccessEvent(AppendOnlyModel):
    at = models.DateTimeField(auto_now_add=True, db_index=True)  # stored in UTC
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The role and organisation the actor used, e.g. "coordinator" at Bergen kommune.
    actor_role = models.CharField(max_length=32, blank=True)
    actor_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    participant = models.ForeignKey(
        "enrolments.Participant", on_delete=models.PROTECT, related_name="access_events"
    )
    # What was shown, in plain words ("Deltakerside", "Timeliste uke 41", "Oppgavefil").
    shown = models.CharField(max_length=200)
    purpose = models.CharField(max_length=200, blank=True)
    path = models.CharField(max_length=300, blank=True)  # numeric ids only, never names
    request_id = models.CharField(max_length=64, blank=True)
    denied = models.BooleanField(default=False)
    # Set when the participant is protected: such views are flagged for review.
    flagged = models.BooleanField(default=False)
    # Hash chain (core/chain.py, ADR 0013): digest by the app, the rest by the database.
    digest = ChainDigestField()
    chain_seq = ChainSeqField()
    prev_hash = ChainHashField()
    row_hash = ChainHashField()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["participant", "-at"])]
        verbose_name = _("innsyn")
        verbose_name_plural = _("innsynslogg")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.shown} #{self.participant_id}"


class ProtectedAccess(models.Model):
    """A named user who may see a protected participant. Everyone else sees nothing of them
    (enrolments.access filters them out of every scope); views by grant holders are flagged.
    Granted and revoked only through accesslog.protection services (audited)."""

    participant = models.ForeignKey(
        "enrolments.Participant", on_delete=models.CASCADE, related_name="protected_access"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="protected_access"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["granted_at", "id"]
        verbose_name = _("tilgang til skjermet deltaker")
        verbose_name_plural = _("tilganger til skjermede deltakere")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "user"], name="protected_access_unique_user"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.participant_id} → {self.user_id}"


class HiddenNameReason(models.TextChoices):
    THREAT = "threat", _("Trusler eller vold mot den ansatte")
    PROTECTED_ADDRESS = (
        "protected_address",
        _("Den ansatte har fortrolig eller strengt fortrolig adresse"),
    )
    OTHER = "other", _("Annet (beskriv)")


class HiddenStaffName(models.Model):
    """A staff member whose name is left off participants' "Hvem har sett mine opplysninger"
    (there they are shown by role and organisation only). Names are shown by default; this is
    the exception, one per person, with a coded reason (ADR 0009, amendment 2). Set and lifted
    by an administrator only through accesslog.hidden_names (audited). The reason is never
    shown to participants."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hidden_staff_name"
    )
    reason = models.CharField(_("grunn"), max_length=32, choices=HiddenNameReason.choices)
    reason_text = models.CharField(_("beskrivelse"), max_length=500, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["set_at", "id"]
        verbose_name = _("skjult navn i innsynsloggen")
        verbose_name_plural = _("skjulte navn i innsynsloggen")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason="other") | ~models.Q(reason_text=""),
                name="hidden_staff_name_other_has_text",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.reason}"
