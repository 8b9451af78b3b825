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
    # Four-eyes approval (Organisation.four_eyes_approval): the second coordinator who approved
    # an exception, and when. Empty when no approval was required.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    @property
    def is_exception(self) -> bool:
        return bool(self.exception_reason)

    is_pending = False


class PendingCompletion(models.Model):
    """A completion confirmed as an exception where the programme's organisation requires
    four-eyes approval: it waits here until a second coordinator approves it. Only then is the
    `Completion` recorded and the enrolment moved to FULLFORT, so nothing that reads
    completions or FULLFORT (diplomas, outcomes, follow-up, employment) sees it before."""

    enrolment = models.OneToOneField(
        "enrolments.Enrolment", on_delete=models.PROTECT, related_name="pending_completion"
    )
    completed_on = models.DateField(_("fullført dato"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField()
    exception_reason = models.TextField(_("begrunnelse for unntak"))
    missing = models.TextField(_("mangler ved bekreftelse"), blank=True)
    theory_hours = models.DecimalField(max_digits=6, decimal_places=2)
    practice_weeks = models.PositiveSmallIntegerField()
    assignment_approved = models.BooleanField()
    version = models.ForeignKey(
        "programmes.ProgrammeVersion", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(exception_reason=""), name="pending_completion_has_reason"
            )
        ]

    is_exception = True
    is_pending = True
