"""Invitations: how a real person gets a login bound to a participant record or to roles.

An invitation is one-time, expires after 14 days and can be revoked. Its status is derived
from the dates, so an expired invitation needs no job to mark it. Only a hash of its code is
stored (tokens.py).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

VALID_FOR = dt.timedelta(days=14)


class InvitationKind(models.TextChoices):
    PARTICIPANT = "participant", _("Deltaker")
    STAFF = "staff", _("Ansatt")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Venter")
    ACCEPTED = "accepted", _("Tatt imot")
    EXPIRED = "expired", _("Utløpt")
    REVOKED = "revoked", _("Trukket tilbake")


class Invitation(models.Model):
    kind = models.CharField(_("type"), max_length=16, choices=InvitationKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="invitations"
    )
    # Role values (accounts.Role); ["participant"] for a participant's invitation.
    roles = models.JSONField(_("roller"), default=list)
    participant = models.ForeignKey(
        "enrolments.Participant",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    # The existing login a staff invitation is for (an address we already know), or, once
    # accepted, the login that accepted it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    email = models.EmailField(_("e-post"), blank=True)
    first_name = models.CharField(_("fornavn"), max_length=150, blank=True)
    last_name = models.CharField(_("etternavn"), max_length=150, blank=True)
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    send_count = models.PositiveIntegerField(default=0)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitasjon")
        verbose_name_plural = _("invitasjoner")
        indexes = [models.Index(fields=["organisation", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="participant") | models.Q(participant__isnull=False),
                name="invitation_participant_has_record",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.status_label})"

    def status_on(self, now: dt.datetime) -> str:
        if self.revoked_at is not None:
            return InvitationStatus.REVOKED
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.expires_at <= now:
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    @property
    def status(self) -> str:
        return self.status_on(timezone.now())

    @property
    def status_label(self) -> str:
        return str(InvitationStatus(self.status).label)

    @property
    def is_pending(self) -> bool:
        return self.status == InvitationStatus.PENDING

    @property
    def invitee_name(self) -> str:
        if self.participant is not None:
            return self.participant.full_name
        if self.user is not None and self.user.get_full_name():
            return self.user.get_full_name()
        return f"{self.first_name} {self.last_name}".strip() or self.email

    @property
    def role_labels(self) -> list[str]:
        from brobygger.accounts.models import Role

        return [str(Role(role).label) for role in self.roles if role in Role.values]


def pending_q(now: dt.datetime) -> models.Q:
    """Invitations still open at `now` (not accepted, not revoked, not expired)."""
    return models.Q(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)
