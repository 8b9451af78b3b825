"""NAV wage subsidy (lønnstilskudd): agreements, the dated rates table and refund periods.

- `SubsidyRate` is the rules table: one row per (type, reduced capacity, phase) from a date.
  Rows are append-only: a change is a new row with a later `valid_from` (services refuse
  anything else), so months already passed keep the rate they had.
- `Agreement` starts on the first day of a month and runs whole months. Its status moves only
  through `services.agreement_transition` using `transitions.ALLOWED`;
  `AgreementStatusChange` is the dated history.
- `RefundPeriod` (at most three whole months) stores what was computed, month by month, in
  `RefundLine` rows, so a later change to the table never alters a claimed refund.

Money is øre (int); rates are Decimal percent (10.2 means 10.2 %). See `calc.py`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brobygger.core.formatting import format_day
from brobygger.core.months import add_months
from brobygger.core.status_history import DatedStatusRow


class SubsidyType(models.TextChoices):
    TEMPORARY = "temporary", _("Midlertidig lønnstilskudd")
    PERMANENT = "permanent", _("Varig lønnstilskudd")
    MENTOR = "mentor", _("Mentortilskudd")
    INCLUSION = "inclusion", _("Inkluderingstilskudd")


class Phase(models.TextChoices):
    FIRST = "first", _("Første periode")
    AFTER = "after", _("Deretter")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    APPROVED = "approved", _("Godkjent")
    ACTIVE = "active", _("Aktiv")
    ENDED = "ended", _("Avsluttet")
    CANCELLED = "cancelled", _("Annullert")


STATUS_COLORS: dict[str, str] = {
    AgreementStatus.DRAFT: "neutral",
    AgreementStatus.APPROVED: "info",
    AgreementStatus.ACTIVE: "success",
    AgreementStatus.ENDED: "neutral",
    AgreementStatus.CANCELLED: "danger",
}

HUNDRED = Decimal("100")


def _range_check(field: str, name: str, *, low_exclusive: bool = False) -> models.CheckConstraint:
    low = models.Q(**{f"{field}__gt": 0}) if low_exclusive else models.Q(**{f"{field}__gte": 0})
    return models.CheckConstraint(condition=low & models.Q(**{f"{field}__lte": 100}), name=name)


class SubsidyRate(models.Model):
    """One rule: `percent` of the wage costs for agreements of this type and capacity, in
    `phase`. The first phase covers agreement months 1..phase_months; "after" the rest.
    `max_months` is the longest agreement allowed (null: no limit, e.g. permanent)."""

    subsidy_type = models.CharField(_("type tilskudd"), max_length=16, choices=SubsidyType.choices)
    reduced_capacity = models.BooleanField(_("nedsatt arbeidsevne"))
    phase = models.CharField(_("fase"), max_length=8, choices=Phase.choices)
    percent = models.DecimalField(_("tilskuddsprosent"), max_digits=5, decimal_places=2)
    phase_months = models.PositiveSmallIntegerField(_("måneder i første periode"))
    max_months = models.PositiveSmallIntegerField(
        _("lengste varighet (måneder)"), null=True, blank=True
    )
    valid_from = models.DateField(_("gjelder fra"))
    note = models.CharField(_("merknad"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["subsidy_type", "reduced_capacity", "phase", "valid_from"]
        verbose_name = _("sats for lønnstilskudd")
        verbose_name_plural = _("satser for lønnstilskudd")
        constraints = [
            models.UniqueConstraint(
                fields=["subsidy_type", "reduced_capacity", "phase", "valid_from"],
                name="subsidy_rate_unique_from",
            ),
            _range_check("percent", "subsidy_rate_percent_range", low_exclusive=True),
            models.CheckConstraint(
                condition=models.Q(phase_months__gte=1), name="subsidy_rate_phase_months_min"
            ),
            models.CheckConstraint(
                condition=models.Q(max_months__isnull=True) | models.Q(max_months__gte=1),
                name="subsidy_rate_max_months_min",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_subsidy_type_display()} {self.percent} % fra {self.valid_from}"


class Agreement(models.Model):
    participant = models.ForeignKey(
        "enrolments.Participant",
        on_delete=models.PROTECT,
        related_name="subsidy_agreements",
        verbose_name=_("deltaker"),
    )
    employer = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="subsidy_agreements",
        verbose_name=_("arbeidsgiver"),
    )
    # The NAV office that owns the agreement; its caseworkers approve it.
    nav_office = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("NAV-kontor"),
    )
    employment = models.ForeignKey(
        "employment.Employment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subsidy_agreements",
        verbose_name=_("arbeidsforhold"),
    )
    subsidy_type = models.CharField(_("type tilskudd"), max_length=16, choices=SubsidyType.choices)
    reduced_capacity = models.BooleanField(_("nedsatt arbeidsevne"), default=False)
    start_date = models.DateField(_("startdato"))
    months = models.PositiveSmallIntegerField(_("varighet (måneder)"))
    monthly_wage_ore = models.BigIntegerField(_("månedslønn (øre)"))
    # Percent rates, 0–100 with up to three decimals (10.2, 12, 14.1, 2).
    holiday_pay_rate = models.DecimalField(_("feriepengesats (%)"), max_digits=6, decimal_places=3)
    pension_rate = models.DecimalField(_("OTP-sats (%)"), max_digits=6, decimal_places=3)
    employer_tax_rate = models.DecimalField(
        _("arbeidsgiveravgift (%)"), max_digits=6, decimal_places=3
    )
    # Cache of the open AgreementStatusChange row, written only by agreement_transition.
    status = models.CharField(
        _("status"), max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("godkjent av"),
    )
    approved_on = models.DateField(_("godkjent dato"), null=True, blank=True)
    # First month without subsidy when ended (always the first day of a month).
    ended_on = models.DateField(_("avsluttet fra"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("avtale om lønnstilskudd")
        verbose_name_plural = _("avtaler om lønnstilskudd")
        constraints = [
            models.CheckConstraint(condition=models.Q(months__gte=1), name="agreement_months_min"),
            models.CheckConstraint(
                condition=models.Q(monthly_wage_ore__gte=0), name="agreement_wage_not_negative"
            ),
            _range_check("holiday_pay_rate", "agreement_holiday_rate_range"),
            _range_check("pension_rate", "agreement_pension_rate_range"),
            _range_check("employer_tax_rate", "agreement_employer_tax_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_subsidy_type_display()} {format_day(self.start_date)}"

    @property
    def end_date(self) -> dt.date:
        """The last day of the agreement (start is the first of a month)."""
        return add_months(self.start_date, self.months) - dt.timedelta(days=1)

    @property
    def status_color(self) -> str:
        return STATUS_COLORS.get(self.status, "neutral")


class AgreementStatusChange(DatedStatusRow):
    """Dated status history; never rewritten. The open row (valid_to null) is current. The
    fields, the end-of-period rule and the write are shared (core/status_history.py)."""

    history_of = "agreement"
    status_colors = STATUS_COLORS

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=16, choices=AgreementStatus.choices)
    # Why a change was registered with a date before the day it was registered (history
    # registered late, e.g. an agreement that began before the service was taken into use).
    late_reason = models.CharField(_("grunn til etterregistrering"), max_length=500, blank=True)


class RefundPeriod(models.Model):
    """A refund claim for up to three whole calendar months of an agreement."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="refund_periods"
    )
    period_start = models.DateField(_("fra og med"))
    period_end = models.DateField(_("til og med"))
    amount_ore = models.BigIntegerField(_("refusjon (øre)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period_start"]
        verbose_name = _("refusjonsperiode")
        verbose_name_plural = _("refusjonsperioder")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="refund_period_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_ore__gte=0), name="refund_period_amount_not_negative"
            ),
        ]


class RefundLine(models.Model):
    """One month of a refund period, as computed when it was recorded."""

    period = models.ForeignKey(RefundPeriod, on_delete=models.CASCADE, related_name="lines")
    # Repeated here so the database itself refuses claiming a month twice.
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("måned"))  # first day of the month
    rate = models.ForeignKey(SubsidyRate, on_delete=models.PROTECT, related_name="+")
    percent = models.DecimalField(_("tilskuddsprosent"), max_digits=5, decimal_places=2)
    cost_ore = models.BigIntegerField(_("lønnskostnader (øre)"))
    amount_ore = models.BigIntegerField(_("refusjon (øre)"))

    class Meta:
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "month"], name="refund_line_unique_month")
        ]
