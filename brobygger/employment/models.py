"""Employment after the programme: positions, candidate profiles, hiring cases, and the
record of a job held.

For the apps that build on this one (subsidy, followup, outcomes):

- `Position`: a post an employer organisation (Organisation.kind == EMPLOYER) offers MB staff:
  title, service unit, percent, kind, start/end, job description, funding (`PositionFunding`).
- `CandidateProfile`: what a participant chooses to show employers. Shown only while published
  AND the participant holds an active privacy consent (ConsentPurpose.EMPLOYER_PROFILE);
  `selectors.profiles_visible_to_employers()` is the one place that rule lives.
- `HiringCase`: a candidate invited to / applying for a position; status moves only through
  `services.hiring_transition` using `transitions.ALLOWED`; `HiringStatusChange` is the dated
  history (core.status_history.DatedStatusRow: valid_to is the next row's valid_from, the open
  row is the current status).
- `Employment`: THE single record of a job held by a participant, whether hired through a
  HiringCase (`hiring_case` set, `source=BROBYGGER`) or registered by a coordinator/caseworker
  (`source=OUTSIDE`, `position` optional). It carries:
    * `start_date`, `end_date` (null = ongoing), `kind` (permanent / temporary / project);
    * `percents`: `EmploymentPercent` rows, dated (`valid_from`; the latest row whose
      valid_from <= day applies, like placements.PlacementPercent). Never empty after a service;
    * `funding`: `EmploymentFunding` rows (source, share_percent, valid_from, valid_to null =
      open), whose shares never exceed 100 % on any day (checked in services);
    * `benefits`: `EmploymentBenefit` rows, the benefit combined with the wage as dated periods
      (kind, grade percent, valid_from, valid_to null = open); periods of the same kind never
      overlap (checked in services). SENSITIVE: only coordinators and caseworkers may see
      them; employer templates/selectors never load them (employer selectors use `.only()` /
      `EMPLOYER_FIELDS`, and never touch `benefits`);
    * `benefit` (+ `benefit_other`): the older single, undated value. Kept for now as the
      fallback for records without periods (migration 0003 copied each value into a period
      from the start date); read `benefit_on()` / the periods, not this field.
  A participant can have several Employment rows (one per job); "first job" = earliest
  start_date. Employment owns no enrolment: link to the programme through `participant`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from brobygger.core.formatting import format_day
from brobygger.core.status_history import DatedStatusRow

PERCENT_VALIDATORS = [MinValueValidator(1), MaxValueValidator(100)]


class JobKind(models.TextChoices):
    """Kind of post, for positions and employments alike (outcomes: permanent vs project)."""

    PERMANENT = "permanent", _("Fast")
    TEMPORARY = "temporary", _("Midlertidig")
    PROJECT = "project", _("Prosjektstilling")


class FundingSource(models.TextChoices):
    ORDINARY_BUDGET = "ordinary_budget", _("Ordinært budsjett")
    MB_FUNDS = "mb_funds", _("MB-midler (øremerket)")
    PROJECT = "project", _("Prosjektmidler")
    NAV_WAGE_SUBSIDY = "nav_wage_subsidy", _("Lønnstilskudd fra NAV")


class Benefit(models.TextChoices):
    """The benefit combined with the wage. Visible to coordinators and caseworkers only."""

    UNKNOWN = "unknown", _("Ikke registrert")
    NONE = "none", _("Ingen ytelse")
    AAP = "aap", _("Arbeidsavklaringspenger (AAP)")
    UFORETRYGD = "uforetrygd", _("Uføretrygd")
    OTHER = "other", _("Annen ytelse")


class FundingPeriod(models.Model):
    """One funding source paying `share_percent` of the wage from valid_from to valid_to
    (inclusive; null = open-ended). Overlapping rows may not add up to more than 100 %."""

    source = models.CharField(_("finansiering"), max_length=32, choices=FundingSource.choices)
    share_percent = models.PositiveSmallIntegerField(
        _("andel (prosent)"), validators=PERCENT_VALIDATORS
    )
    valid_from = models.DateField(_("gjelder fra"))
    valid_to = models.DateField(_("gjelder til"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["valid_from", "id"]

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _period_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
        name=name,
    )


def _share_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(share_percent__gte=1) & models.Q(share_percent__lte=100), name=name
    )


def _percent_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(percent__gte=1) & models.Q(percent__lte=100), name=name
    )


def _dates_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
        name=name,
    )


class Position(models.Model):
    """A post for MB staff at an employer organisation."""

    employer = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("arbeidsgiver"),
    )
    title = models.CharField(_("stillingstittel"), max_length=200)
    service_unit = models.CharField(_("tjeneste/enhet"), max_length=200)
    percent = models.PositiveSmallIntegerField(_("stillingsprosent"), validators=PERCENT_VALIDATORS)
    kind = models.CharField(_("type stilling"), max_length=16, choices=JobKind.choices)
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("sluttdato"), null=True, blank=True)
    description = models.TextField(_("stillingsbeskrivelse"), blank=True)
    # Open positions are listed to candidates; closed ones are kept for history.
    is_open = models.BooleanField(_("åpen for søkere"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("stilling")
        verbose_name_plural = _("stillinger")
        constraints = [
            _dates_check("position_end_after_start"),
            _percent_check("position_percent_range"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.percent} %)"


class PositionFunding(FundingPeriod):
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="funding")

    class Meta(FundingPeriod.Meta):
        verbose_name = _("finansiering av stilling")
        constraints = [
            _period_check("position_funding_period_order"),
            _share_check("position_funding_share_range"),
        ]


class CandidateProfile(models.Model):
    """A participant's own presentation to employers, in their own words. Employers see it
    only while `published` and the participant's EMPLOYER_PROFILE consent is active."""

    participant = models.OneToOneField(
        "enrolments.Participant", on_delete=models.CASCADE, related_name="candidate_profile"
    )
    headline = models.CharField(_("overskrift"), max_length=150)
    about = models.TextField(_("om meg"), max_length=3000)
    work_wanted = models.TextField(_("hva slags arbeid jeg ønsker"), max_length=1500)
    percent_wanted = models.PositiveSmallIntegerField(
        _("ønsket stillingsprosent"), null=True, blank=True, validators=PERCENT_VALIDATORS
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ønsket kommune"),
    )
    area = models.CharField(_("område/bydel"), max_length=100, blank=True)
    show_completion_year = models.BooleanField(_("vis året jeg fullførte"), default=True)
    show_email = models.BooleanField(_("vis e-postadressen min"), default=False)
    published = models.BooleanField(_("publisert"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "id"]
        verbose_name = _("kandidatprofil")
        verbose_name_plural = _("kandidatprofiler")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent_wanted__isnull=True)
                | (models.Q(percent_wanted__gte=1) & models.Q(percent_wanted__lte=100)),
                name="candidate_profile_percent_range",
            )
        ]

    def __str__(self) -> str:
        return self.headline


class HiringOrigin(models.TextChoices):
    INVITED = "invited", _("Invitert av arbeidsgiver")
    APPLIED = "applied", _("Søkt av kandidaten")


class HiringStatus(models.TextChoices):
    INVITED = "INVITED", _("Invitert")
    APPLIED = "APPLIED", _("Søkt")
    INTERVIEW = "INTERVIEW", _("Intervju")
    OFFER = "OFFER", _("Tilbud")
    HIRED = "HIRED", _("Ansatt")
    DECLINED = "DECLINED", _("Takket nei")
    REJECTED = "REJECTED", _("Ikke aktuell")


class HiringCase(models.Model):
    """One candidate for one position. `status` caches the open HiringStatusChange row."""

    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="cases")
    participant = models.ForeignKey(
        "enrolments.Participant", on_delete=models.PROTECT, related_name="hiring_cases"
    )
    origin = models.CharField(_("opphav"), max_length=16, choices=HiringOrigin.choices)
    status = models.CharField(_("status"), max_length=16, choices=HiringStatus.choices)
    message = models.TextField(_("melding"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("ansettelsessak")
        verbose_name_plural = _("ansettelsessaker")
        constraints = [
            models.UniqueConstraint(
                fields=["position", "participant"], name="hiring_case_unique_candidate"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position} – {self.get_status_display()}"


class HiringStatusChange(DatedStatusRow):
    """Dated history of a hiring case; never overwritten (the open row has valid_to null).
    The fields, the end-of-period rule and the write are shared (core/status_history.py)."""

    history_of = "case"

    case = models.ForeignKey(HiringCase, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=16, choices=HiringStatus.choices)
    # Unlike the other histories, a departed user's rows stay and lose the name.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class EmploymentSource(models.TextChoices):
    BROBYGGER = "brobygger", _("Ansatt via Brobygger")
    OUTSIDE = "outside", _("Jobb funnet utenfor Brobygger")


class Employment(models.Model):
    """A job held by a participant: the single record outcomes, subsidy and followup use."""

    participant = models.ForeignKey(
        "enrolments.Participant", on_delete=models.PROTECT, related_name="employments"
    )
    employer = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="employments",
        verbose_name=_("arbeidsgiver"),
    )
    position = models.ForeignKey(
        Position,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employments",
        verbose_name=_("stilling"),
    )
    hiring_case = models.OneToOneField(
        HiringCase, null=True, blank=True, on_delete=models.PROTECT, related_name="employment"
    )
    source = models.CharField(_("registrert via"), max_length=16, choices=EmploymentSource.choices)
    job_title = models.CharField(_("stillingstittel"), max_length=200)
    kind = models.CharField(_("type ansettelse"), max_length=16, choices=JobKind.choices)
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("sluttdato"), null=True, blank=True)
    # Sensitive: coordinators and caseworkers only (never employer pages).
    benefit = models.CharField(
        _("ytelse i kombinasjon med lønn"),
        max_length=16,
        choices=Benefit.choices,
        default=Benefit.UNKNOWN,
    )
    benefit_other = models.CharField(_("annen ytelse"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("arbeidsforhold")
        verbose_name_plural = _("arbeidsforhold")
        constraints = [_dates_check("employment_end_after_start")]

    def __str__(self) -> str:
        return f"{self.job_title} ({format_day(self.start_date)})"

    def is_active_on(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class EmploymentPercent(models.Model):
    """Position percent as dated rows: the latest row with valid_from <= day applies."""

    employment = models.ForeignKey(Employment, on_delete=models.CASCADE, related_name="percents")
    percent = models.PositiveSmallIntegerField(_("stillingsprosent"), validators=PERCENT_VALIDATORS)
    valid_from = models.DateField(_("gjelder fra"))

    class Meta:
        ordering = ["valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["employment", "valid_from"], name="employment_percent_unique_from"
            ),
            _percent_check("employment_percent_range"),
        ]


class EmploymentFunding(FundingPeriod):
    employment = models.ForeignKey(Employment, on_delete=models.CASCADE, related_name="funding")

    class Meta(FundingPeriod.Meta):
        verbose_name = _("finansiering av arbeidsforhold")
        constraints = [
            _period_check("employment_funding_period_order"),
            _share_check("employment_funding_share_range"),
        ]


class EmploymentBenefit(models.Model):
    """The benefit combined with the wage from valid_from to valid_to (inclusive; null = open),
    with its grade in percent where the benefit has one (AAP, uføretrygd). History is kept:
    a change of grade ends one period and starts another. SENSITIVE (staff only)."""

    employment = models.ForeignKey(Employment, on_delete=models.CASCADE, related_name="benefits")
    kind = models.CharField(_("ytelse"), max_length=16, choices=Benefit.choices)
    grade_percent = models.PositiveSmallIntegerField(
        _("gradering (prosent)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    valid_from = models.DateField(_("gjelder fra"))
    valid_to = models.DateField(_("gjelder til"), null=True, blank=True)
    other_text = models.CharField(_("annen ytelse"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-valid_from", "-id"]
        verbose_name = _("ytelsesperiode")
        verbose_name_plural = _("ytelsesperioder")
        constraints = [
            _period_check("employment_benefit_period_order"),
            models.CheckConstraint(
                condition=models.Q(grade_percent__isnull=True) | models.Q(grade_percent__lte=100),
                name="employment_benefit_grade_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} fra {self.valid_from}"

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)
