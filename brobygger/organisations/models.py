"""Counties, municipalities (2024 reference data) and the organisations that use Brobygger."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.no import orgnr as stdnum_orgnr


class County(models.Model):
    number = models.CharField(_("fylkesnummer"), max_length=2, primary_key=True)
    name = models.CharField(_("navn"), max_length=100)

    class Meta:
        ordering = ["number"]
        verbose_name = _("fylke")
        verbose_name_plural = _("fylker")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    number = models.CharField(_("kommunenummer"), max_length=4, primary_key=True)
    name = models.CharField(_("navn"), max_length=100)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="municipalities")

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"


def validate_orgnr(value: str) -> None:
    if not stdnum_orgnr.is_valid(value):
        raise ValidationError(
            _("Organisasjonsnummeret er ikke gyldig: ni siffer med riktig kontrollsiffer."),
            code="invalid_orgnr",
        )


class OrganisationKind(models.TextChoices):
    MUNICIPAL_UNIT = "municipal_unit", _("Kommunal tjeneste")
    NAV_OFFICE = "nav_office", _("NAV-kontor")
    EMPLOYER = "employer", _("Arbeidsgiver")
    PLACEMENT_SITE = "placement_site", _("Praksissted")
    EDUCATION_PROVIDER = "education_provider", _("Utdanningstilbyder")
    NATIONAL = "national", _("Nasjonal enhet")
    COUNTY = "county", _("Fylkeskommune")


class Organisation(models.Model):
    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=32, choices=OrganisationKind.choices)
    orgnr = models.CharField(
        _("organisasjonsnummer"), max_length=9, blank=True, validators=[validate_orgnr]
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("kommune"),
    )
    # Four-eyes approval: a completion exception and a wage subsidy agreement need a second
    # person (not the one who confirmed or drafted it) before they count (issue 13).
    four_eyes_approval = models.BooleanField(
        _("godkjenning av en annen person (fire øyne)"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisasjon")
        verbose_name_plural = _("organisasjoner")
        constraints = [
            models.UniqueConstraint(
                fields=["orgnr"], condition=~models.Q(orgnr=""), name="organisation_unique_orgnr"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.orgnr = stdnum_orgnr.compact(self.orgnr) if self.orgnr else ""
