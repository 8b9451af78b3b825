"""Confirmed completion, with the figures a diploma needs frozen at confirmation time."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Completion(models.Model):
    enrolment = models.OneToOneField(
        "enrolments.Enrolment", on_delete=models.PROTECT, related_name="completion"
    )
    completed_on = models.DateField(_("fullført dato"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField()
    # Set when the participant did not meet every requirement: the written reason.
    exception_reason = models.TextField(_("begrunnelse for unntak"), blank=True)
    # What was met at confirmation (hours, weeks, assignment), for the diploma and statistics.
    theory_hours = models.DecimalField(max_digits=6, decimal_places=2)
    practice_weeks = models.PositiveSmallIntegerField()
    assignment_approved = models.BooleanField()
    version = models.ForeignKey(
        "programmes.ProgrammeVersion", on_delete=models.PROTECT, related_name="+"
    )

    @property
    def is_exception(self) -> bool:
        return bool(self.exception_reason)
