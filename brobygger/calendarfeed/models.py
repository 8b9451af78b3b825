"""A participant's personal calendar subscription: a secret, revocable feed address.

At most one live feed per user (a partial unique constraint); "Lag ny lenke" revokes the old
one. Revoked rows are kept, with when, so the history of addresses handed out stays visible.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        verbose_name=_("bruker"),
    )
    # SHA-256 of the token (tokens.py); the token itself is never stored.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("laget"), default=timezone.now)
    revoked_at = models.DateTimeField(_("slettet"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("kalenderabonnement")
        verbose_name_plural = _("kalenderabonnementer")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True),
                name="calendarfeed_one_live_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"Kalenderabonnement {self.pk}"
