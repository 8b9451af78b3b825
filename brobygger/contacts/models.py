"""NAV's county coordinators for work and mental health, and the messages leaders send them.

A message belongs to a county (the sender's municipality decides which); every user holding the
county coordinator role at a NAV organisation in that county reads it in their inbox. Messages
are the sender's personal data: never in a URL, a log line or an audit row's changes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brobygger.organisations.models import County, Municipality


class CountyCoordinator(models.Model):
    """One entry in the public directory: who a leader in the county can contact."""

    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="coordinators", verbose_name=_("fylke")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="county_coordinator_entries",
        verbose_name=_("brukerkonto"),
    )
    name = models.CharField(_("navn som vises"), max_length=200)
    title = models.CharField(_("tittel"), max_length=200, blank=True)
    email = models.EmailField(_("e-post"), max_length=254)
    phone = models.CharField(_("telefon"), max_length=32, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["county__number", "name"]
        verbose_name = _("fylkeskoordinator")
        verbose_name_plural = _("fylkeskoordinatorer")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "user"], name="county_coordinator_unique_user_per_county"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.county_id})"


class ContactMessage(models.Model):
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="contact_messages", verbose_name=_("fylke")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("kommune")
    )
    sender_name = models.CharField(_("navn"), max_length=200)
    sender_organisation = models.CharField(_("virksomhet eller arbeidsgiver"), max_length=200)
    sender_email = models.EmailField(_("e-post"), max_length=254)
    sender_phone = models.CharField(_("telefon"), max_length=32, blank=True)
    # TextField's max_length binds only forms; the validator makes full_clean() enforce it.
    body = models.TextField(_("melding"), max_length=5000, validators=[MaxLengthValidator(5000)])
    received_at = models.DateTimeField(_("mottatt"), default=timezone.now)
    handled_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandlet av"),
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldinger")
        indexes = [models.Index(fields=["county", "handled_at", "received_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(handled_at__isnull=True, handled_by__isnull=True)
                | models.Q(handled_at__isnull=False),
                name="contact_message_handled_by_needs_handled_at",
            )
        ]

    def __str__(self) -> str:
        # No sender data: this string can end up in logs.
        return f"Melding {self.pk}"

    @property
    def is_handled(self) -> bool:
        return self.handled_at is not None
