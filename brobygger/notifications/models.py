"""Notifications: "you have 3 timesheets waiting", in the app and by e-mail (kinds.py).

A notification is created once per idempotency key (the caller builds it from kind, recipient and
period), so running a reminder twice notifies once. It may name the object it is about (`target`)
and the role the recipient held in an organisation (`role`, `organisation`): if the object is
deleted or the recipient loses that role, the notification is dropped, neither shown nor mailed.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brobygger.notifications.kinds import KINDS, Channel

KIND_CHOICES = [(code, kind.label) for code, kind in KINDS.items()]


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("type"), max_length=40, choices=KIND_CHOICES)
    count = models.PositiveIntegerField(_("antall"), default=1)
    url = models.CharField(_("lenke"), max_length=500, blank=True)  # a path in the app
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    # The role (accounts.Role value) at the organisation that warranted it; "" for none.
    role = models.CharField(_("rolle"), max_length=32, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    idempotency_key = models.CharField(max_length=200, unique=True)
    # How it was to be delivered, decided from the recipient's preference when it was made.
    channel = models.CharField(_("kanal"), max_length=16, choices=Channel.choices)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)  # the SMTP server accepted it
    email_attempts = models.PositiveIntegerField(default=0)
    digest = models.ForeignKey(
        "notifications.Digest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("varsel")
        verbose_name_plural = _("varsler")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_list"),
            models.Index(
                fields=["recipient", "-created_at"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["channel", "created_at"],
                condition=Q(emailed_at__isnull=True),
                name="notification_unsent",
            ),
            models.Index(fields=["created_at"], name="notification_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_type__isnull=True, target_id__isnull=True)
                | Q(target_type__isnull=False, target_id__isnull=False),
                name="notification_target_whole",
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=True) | ~Q(role=""),
                name="notification_organisation_has_role",
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="notification_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def text(self) -> str:
        return KINDS[self.kind].text(self.count)


class NotificationPreference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("type"), max_length=40, choices=KIND_CHOICES)
    channel = models.CharField(_("kanal"), max_length=16, choices=Channel.choices)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("varselinnstilling")
        verbose_name_plural = _("varselinnstillinger")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.channel}"


class Digest(models.Model):
    """A user's daily summary mail: one per user and day, however often the job runs."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_digests"
    )
    day = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)  # the SMTP server accepted it
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daglig sammendrag")
        verbose_name_plural = _("daglige sammendrag")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="notification_digest_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"
