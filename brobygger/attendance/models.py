"""Attendance per session and participant; corrections keep the earlier values."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Til stede")
    PARTIAL = "partial", _("Delvis til stede")
    EXCUSED = "excused", _("Gyldig fravær")
    UNEXCUSED = "unexcused", _("Ugyldig fravær")


class AttendanceRecord(models.Model):
    session = models.ForeignKey(
        "programmes.Session", on_delete=models.PROTECT, related_name="attendance"
    )
    enrolment = models.ForeignKey(
        "enrolments.Enrolment", on_delete=models.PROTECT, related_name="attendance"
    )
    status = models.CharField(_("oppmøte"), max_length=16, choices=AttendanceStatus.choices)
    # Hours credited toward the theory requirement: the session's hours when present, the
    # hours given when partial, zero when absent (excused absence is not attendance).
    hours = models.DecimalField(
        _("timer"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("24"))],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("oppmøte")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="attendance_unique_per_session"
            ),
            models.CheckConstraint(
                condition=models.Q(hours__gte=0) & models.Q(hours__lte=24),
                name="attendance_hours_range",
            ),
        ]


class AttendanceRevision(models.Model):
    """The value a record had before a correction (append-only)."""

    record = models.ForeignKey(AttendanceRecord, on_delete=models.PROTECT, related_name="revisions")
    status = models.CharField(max_length=16, choices=AttendanceStatus.choices)
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    replaced_at = models.DateTimeField()

    class Meta:
        ordering = ["replaced_at", "id"]
