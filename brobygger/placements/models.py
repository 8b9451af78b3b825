"""Practice placements, weekly timesheets approved by the supervisor, and evaluations."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from brobygger.core.formatting import format_day


class Placement(models.Model):
    enrolment = models.ForeignKey(
        "enrolments.Enrolment", on_delete=models.PROTECT, related_name="placements"
    )
    host = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("praksissted"),
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervised_placements",
        verbose_name=_("praksisveileder"),
    )
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("sluttdato"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("praksisplass")
        verbose_name_plural = _("praksisplasser")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="placement_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.host} {format_day(self.start_date)}–{format_day(self.end_date)}"


class PlacementPercent(models.Model):
    """The placement percent as dated periods; the period covering a week's Monday applies."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="percents")
    percent = models.PositiveSmallIntegerField(
        _("stillingsprosent i praksis"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    valid_from = models.DateField(_("gjelder fra"))

    class Meta:
        ordering = ["valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "valid_from"], name="placement_percent_unique_from"
            )
        ]


class TimesheetStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Sendt til godkjenning")
    APPROVED = "approved", _("Godkjent")
    RETURNED = "returned", _("Sendt tilbake")


class Timesheet(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="timesheets")
    week_start = models.DateField(_("uke (mandag)"))
    status = models.CharField(
        max_length=16, choices=TimesheetStatus.choices, default=TimesheetStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    supervisor_comment = models.TextField(_("kommentar fra veileder"), blank=True)
    # Sum of the day rows, kept by services so lists and progress need no per-row query.
    total_hours = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))

    class Meta:
        ordering = ["week_start"]
        verbose_name = _("timeliste")
        verbose_name_plural = _("timelister")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "week_start"], name="timesheet_unique_week"
            )
        ]


class TimesheetDay(models.Model):
    timesheet = models.ForeignKey(Timesheet, on_delete=models.CASCADE, related_name="days")
    date = models.DateField()
    hours = models.DecimalField(
        _("timer"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("24"))],
    )

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["timesheet", "date"], name="timesheet_day_unique"),
            models.CheckConstraint(
                condition=models.Q(hours__gte=0) & models.Q(hours__lte=24),
                name="timesheet_day_hours_range",
            ),
        ]


class EvaluationKind(models.TextChoices):
    MIDWAY = "midway", _("Midtveisevaluering")
    FINAL = "final", _("Sluttevaluering")


class Evaluation(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="evaluations")
    kind = models.CharField(_("type"), max_length=16, choices=EvaluationKind.choices)
    text = models.TextField(_("evaluering"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["placement", "kind"], name="evaluation_unique_kind")
        ]
