"""Follow-up at 6 and 12 months: after a completion and after a hire.

Tasks are not stored: a task is due when its date comes (completion date or employment start
plus 6 or 12 months) and stays due until someone records its answer. The answers are stored,
as dated `FollowUpOutcome` rows, and are what the outcome figures count: "employed 6 months
after completion" is `kind=completion, months=6, employed=True`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from brobygger.employment.models import FundingSource, JobKind

FOLLOW_UP_MONTHS = (6, 12)


class FollowUpKind(models.TextChoices):
    COMPLETION = "completion", _("Etter fullført utdanning")
    HIRE = "hire", _("Etter ansettelse")


class FollowUpOutcome(models.Model):
    participant = models.ForeignKey(
        "enrolments.Participant", on_delete=models.PROTECT, related_name="followups"
    )
    kind = models.CharField(_("oppfølging"), max_length=16, choices=FollowUpKind.choices)
    completion = models.ForeignKey(
        "completion.Completion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followups",
    )
    employment = models.ForeignKey(
        "employment.Employment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followups",
    )
    months = models.PositiveSmallIntegerField(_("måneder etter"))
    due_on = models.DateField(_("forfall"))
    # The day the answer describes ("as of"), usually the day it was asked.
    answered_on = models.DateField(_("gjelder per"))
    employed = models.BooleanField(_("i arbeid"))
    percent = models.PositiveSmallIntegerField(
        _("stillingsprosent"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    job_kind = models.CharField(
        _("type ansettelse"), max_length=16, choices=JobKind.choices, blank=True
    )
    funding_source = models.CharField(
        _("finansiering"), max_length=32, choices=FundingSource.choices, blank=True
    )
    note = models.TextField(_("merknad"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-answered_on", "-id"]
        verbose_name = _("oppfølgingssvar")
        verbose_name_plural = _("oppfølgingssvar")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="completion", completion__isnull=False, employment__isnull=True)
                    | models.Q(kind="hire", employment__isnull=False, completion__isnull=True)
                ),
                name="followup_subject_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["completion", "months"],
                condition=models.Q(completion__isnull=False),
                name="followup_one_answer_per_completion_and_month",
            ),
            models.UniqueConstraint(
                fields=["employment", "months"],
                condition=models.Q(employment__isnull=False),
                name="followup_one_answer_per_employment_and_month",
            ),
            models.CheckConstraint(
                condition=models.Q(percent__isnull=True)
                | (models.Q(percent__gte=1) & models.Q(percent__lte=100)),
                name="followup_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.months} mnd"
