"""Programmes, their versioned requirements, cohorts and teaching sessions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from brobygger.core.formatting import format_day


class Programme(models.Model):
    name = models.CharField(_("navn"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("eier"),
    )
    # Organisations that run the programme together with the owner (e.g. NAV); their
    # coordinators see the programme's cohorts as the owner's do.
    partners = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="partner_programmes",
        verbose_name=_("samarbeidspartnere"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("program")
        verbose_name_plural = _("program")

    def __str__(self) -> str:
        return self.name


class ProgrammeVersion(models.Model):
    """The completion requirements. A cohort keeps the version it started on; a version in use
    by a started cohort is frozen (services refuse edits) so its rules never change under it."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="versions")
    name = models.CharField(_("versjon"), max_length=100)
    theory_hours = models.DecimalField(
        _("timer teori"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("180"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    # Optional extra rule: attended share of the hours scheduled so far, e.g. 0.80.
    min_attendance_share = models.DecimalField(
        _("minste oppmøteandel"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    practice_weeks = models.PositiveSmallIntegerField(_("praksisuker"), default=20)
    placement_percent = models.PositiveSmallIntegerField(
        _("praksisprosent"), default=50, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    # A week counts when approved hours >= percent × (37.5 − 7.5 per weekday holiday) ×
    # tolerance (e.g. 0.90): placements.rules.required_hours.
    week_tolerance = models.DecimalField(
        _("toleranse for praksisuke"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.90"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1"))],
    )
    assignment_required = models.BooleanField(_("skriftlig oppgave kreves"), default=True)
    nominal_months = models.PositiveSmallIntegerField(_("normert lengde (måneder)"), default=12)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme", "-created_at"]
        verbose_name = _("programversjon")
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="version_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.programme} – {self.name}"


class Cohort(models.Model):
    version = models.ForeignKey(
        ProgrammeVersion,
        on_delete=models.PROTECT,
        related_name="cohorts",
        verbose_name=_("programversjon"),
    )
    name = models.CharField(_("navn"), max_length=100)
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("sluttdato"))
    capacity = models.PositiveSmallIntegerField(
        _("antall plasser"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    place = models.CharField(_("sted"), max_length=200, blank=True)
    # Online applications (brobygger.applications): the rule for "open today" is
    # applications.selectors (application_closed_reason, open_for_applications_q).
    applications_open = models.BooleanField(_("åpent for søknader"), default=False)
    application_deadline = models.DateField(_("søknadsfrist"), null=True, blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_cohorts",
        verbose_name=_("koordinatorer"),
    )
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="taught_cohorts",
        verbose_name=_("undervisere"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("kull")
        verbose_name_plural = _("kull")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="cohort_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def programme(self) -> Programme:
        return self.version.programme

    def has_started(self, today: dt.date) -> bool:
        return today >= self.start_date


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    CANCELLED = "cancelled", _("Avlyst")


class Session(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField(_("dato"))
    start_time = models.TimeField(_("fra"))
    end_time = models.TimeField(_("til"))
    topic = models.CharField(_("tema eller modul"), max_length=200, blank=True)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("underviser"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    cancel_reason = models.CharField(_("grunn for avlysning"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("undervisningsøkt")
        verbose_name_plural = _("undervisningsøkter")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="session_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{format_day(self.date)} {self.start_time:%H:%M}–{self.end_time:%H:%M} {self.topic}"

    @property
    def hours(self) -> Decimal:
        return session_hours(self.date, self.start_time, self.end_time)


def session_hours(date: dt.date, start: dt.time, end: dt.time) -> Decimal:
    """The length of a session in hours, to two decimals: the one rule (Session.hours, and the
    selectors that sum sessions read as values)."""
    seconds = (dt.datetime.combine(date, end) - dt.datetime.combine(date, start)).total_seconds()
    return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"))
