"""Participants and their enrolment in a cohort, with a dated, never-overwritten status history.

The allowed transitions live in `enrolments/transitions.py`; only services change status.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.no import fodselsnummer

from brobygger.core.status_history import DatedStatusRow


def validate_fnr(value: str) -> None:
    if not fodselsnummer.is_valid(value):
        raise ValidationError(
            _("Fødselsnummeret er ikke gyldig (11 siffer med riktige kontrollsiffer)."),
            code="invalid_fnr",
        )


class ProtectionReason(models.TextChoices):
    """Why a participant is protected (skjermet): only named users see them at all."""

    SAME_SERVICE = "SAME_SERVICE", _("Ansatt i samme tjeneste")
    PROTECTED_ADDRESS = "PROTECTED_ADDRESS", _("Fortrolig eller strengt fortrolig adresse")
    OTHER = "OTHER", _("Annet")


class Participant(models.Model):
    """A person in the programme. Synthetic people only in tests and demos."""

    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("etternavn"), max_length=100)
    birth_date = models.DateField(_("fødselsdato"), null=True, blank=True)
    # Optional; never shown in lists, URLs or logs.
    national_id = models.CharField(
        _("fødselsnummer"), max_length=11, blank=True, validators=[validate_fnr]
    )
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    municipality = models.ForeignKey(
        "organisations.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("bostedskommune"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participant",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Protection (skjerming): set only by accesslog.protection services; who may see a
    # protected participant is the list of accesslog.ProtectedAccess grants.
    is_protected = models.BooleanField(_("skjermet"), default=False)
    protected_reason = models.CharField(
        _("grunn til skjerming"), max_length=32, choices=ProtectionReason.choices, blank=True
    )
    protected_reason_text = models.CharField(
        _("beskrivelse av grunnen"), max_length=500, blank=True
    )
    protected_at = models.DateTimeField(_("skjermet fra"), null=True, blank=True)
    protected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("deltaker")
        verbose_name_plural = _("deltakere")
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"],
                condition=~models.Q(national_id=""),
                name="participant_unique_national_id",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return str(self)


class Status(models.TextChoices):
    SOKT_INN = "SOKT_INN", _("Søkt inn")
    VURDERES = "VURDERES", _("Vurderes")
    VENTELISTE = "VENTELISTE", _("Venteliste")
    VENTER_PA_OPPSTART = "VENTER_PA_OPPSTART", _("Tatt opp, venter på oppstart")
    IKKE_AKTUELL = "IKKE_AKTUELL", _("Ikke aktuell")
    DELTAR = "DELTAR", _("Deltar")
    PERMISJON = "PERMISJON", _("Permisjon")
    FULLFORT = "FULLFORT", _("Fullført")
    AVBRUTT = "AVBRUTT", _("Avbrutt")
    FEILREGISTRERT = "FEILREGISTRERT", _("Feilregistrert")


# Designsystemet tag colour per status, for lists and history tables.
STATUS_COLORS: dict[str, str] = {
    Status.SOKT_INN: "info",
    Status.VURDERES: "info",
    Status.VENTELISTE: "warning",
    Status.VENTER_PA_OPPSTART: "accent",
    Status.IKKE_AKTUELL: "neutral",
    Status.DELTAR: "success",
    Status.PERMISJON: "warning",
    Status.FULLFORT: "success",
    Status.AVBRUTT: "danger",
    Status.FEILREGISTRERT: "neutral",
}


class EndingReason(models.TextChoices):
    GOT_JOB = "GOT_JOB", _("Fikk jobb")
    ILLNESS = "ILLNESS", _("Sykdom")
    OTHER_SUPPORT = "OTHER_SUPPORT", _("Trenger annen støtte")
    OTHER_EDUCATION = "OTHER_EDUCATION", _("Annen utdanning")
    NO_SHOW = "NO_SHOW", _("Møtte ikke")
    REQUIREMENTS_NOT_MET = "REQUIREMENTS_NOT_MET", _("Oppfyller ikke kravene")
    COHORT_FULL = "COHORT_FULL", _("Kullet er fullt")
    MOVED = "MOVED", _("Flyttet")
    WITHDREW = "WITHDREW", _("Trakk seg")
    OTHER = "OTHER", _("Annet")


class Enrolment(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="enrolments"
    )
    cohort = models.ForeignKey(
        "programmes.Cohort", on_delete=models.PROTECT, related_name="enrolments"
    )
    # Current status: a cache of the open StatusChange row, written only by services.
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.SOKT_INN
    )
    # Place in the waiting list (1 = next in line); null when not on the list.
    waitlist_position = models.PositiveIntegerField(null=True, blank=True)
    applied_on = models.DateField(_("søknadsdato"))
    motivation = models.TextField(_("motivasjon"), blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("henvist av"),
    )
    referring_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("henvisende enhet"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cohort", "participant__last_name", "participant__first_name"]
        verbose_name = _("deltakelse")
        verbose_name_plural = _("deltakelser")
        # Places taken and applicants waiting per cohort (the cohort list, issue 16).
        indexes = [models.Index(fields=["cohort", "status"], name="enrolment_cohort_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "cohort"], name="enrolment_unique_per_cohort"
            ),
            models.UniqueConstraint(
                fields=["cohort", "waitlist_position"], name="enrolment_unique_waitlist_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.cohort}"

    @property
    def status_color(self) -> str:
        return STATUS_COLORS.get(self.status, "neutral")


class StatusChange(DatedStatusRow):
    """One row per status period; the open row (valid_to null) is the current status. The
    fields, the end-of-period rule and the write are shared (core/status_history.py)."""

    history_of = "enrolment"
    status_colors = STATUS_COLORS

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="history")
    status = models.CharField(max_length=32, choices=Status.choices)
    reason = models.CharField(_("årsak"), max_length=32, choices=EndingReason.choices, blank=True)
    reason_text = models.CharField(_("beskrivelse av årsak"), max_length=500, blank=True)
    # Why a person registered this change with a date before the day they registered it
    # (history registered late). Free text that may touch on health, so it stays here and
    # never enters the append-only audit trail (which records only that it was back-dated).
    late_reason = models.CharField(_("grunn til etterregistrering"), max_length=500, blank=True)

    class Meta(DatedStatusRow.Meta):
        verbose_name = _("statusendring")


class ParticipationPeriod(models.Model):
    """Participation percent and days per week, as dated periods.

    Unlike the status history, `valid_to` here is the last day the period applies (inclusive):
    the older of the two conventions, kept until its rows are migrated (ADR 0025)."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="participation_periods"
    )
    percent = models.PositiveSmallIntegerField(
        _("deltakelsesprosent"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    days_per_week = models.PositiveSmallIntegerField(
        _("dager per uke"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )
    valid_from = models.DateField(_("gjelder fra"))
    valid_to = models.DateField(_("gjelder til"), null=True, blank=True)

    class Meta:
        ordering = ["valid_from"]
