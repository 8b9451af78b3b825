"""Parsing and field validation only; rules across fields and rows live in the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from brobygger.core.concurrency import EditTokenMixin
from brobygger.core.formatting import format_day
from brobygger.employment.models import Employment
from brobygger.enrolments.models import Participant
from brobygger.organisations.models import Organisation, OrganisationKind
from brobygger.subsidy.models import AgreementStatus, Phase, SubsidyType

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
DATE_ERRORS = {"required": _("Velg en dato."), "invalid": _("Skriv datoen som dd.mm.åååå.")}
EMPLOYER_KINDS = (
    OrganisationKind.EMPLOYER,
    OrganisationKind.MUNICIPAL_UNIT,
    OrganisationKind.PLACEMENT_SITE,
)


EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def _sane_date(value: dt.date) -> None:
    # Month arithmetic on year 9999 would overflow; no agreement runs outside this century.
    if not EARLIEST <= value <= LATEST:
        raise forms.ValidationError(_("Velg en dato mellom år 2000 og 2100."), code="range")


def _date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=DATE_ERRORS,
        validators=[_sane_date],
        widget=forms.DateInput(attrs={"type": "date", "class": "ds-input"}, format="%Y-%m-%d"),
        **kwargs,
    )


class CommaDecimalField(forms.DecimalField):
    """Accepts a decimal comma (10,2) as well as a point."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


def _rate_field(label: Any, **kwargs: Any) -> CommaDecimalField:
    return CommaDecimalField(
        label=label,
        max_digits=6,
        decimal_places=3,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        error_messages={
            "required": _("Skriv satsen i prosent."),
            "invalid": _("Skriv et tall, for eksempel 10,2."),
            "min_value": _("Satsen kan ikke være negativ."),
            "max_value": _("Satsen kan ikke være over 100 %%."),
            "max_decimal_places": _("Bruk høyst tre desimaler."),
            "max_digits": _("Satsen kan ikke være over 100 %%."),
        },
        widget=forms.TextInput(attrs={"class": "ds-input", "inputmode": "decimal"}),
        **kwargs,
    )


class KronerField(forms.CharField):
    """An amount in kroner ("32 123,45") cleaned to whole øre (int)."""

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = str(super().to_python(value) or "")
        text = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        if text.lower().endswith("kr"):
            text = text[:-2]
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(
                _("Skriv beløpet i kroner, for eksempel 32 500 eller 32 500,50."), code="invalid"
            ) from None
        if not amount.is_finite() or amount.as_tuple().exponent < -2:  # type: ignore[operator]
            raise forms.ValidationError(_("Bruk høyst to desimaler (øre)."), code="decimals")
        if amount < 0:
            raise forms.ValidationError(_("Månedslønnen kan ikke være negativ."), code="negative")
        if amount > Decimal("10000000"):
            raise forms.ValidationError(_("Beløpet er for stort."), code="too_large")
        return int(amount * 100)

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class ParticipantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name


class EmploymentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        started = f"{format_day(obj.start_date)}"
        return f"{obj.participant.full_name}: {obj.job_title}, {obj.employer.name} ({started})"


class AgreementForm(forms.Form):
    participant = ParticipantChoiceField(
        label=_("Deltaker"),
        queryset=Participant.objects.none(),
        empty_label=_("Velg deltaker"),
        error_messages={"required": _("Velg deltaker."), "invalid_choice": _("Velg fra lista.")},
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    employer = forms.ModelChoiceField(
        label=_("Arbeidsgiver"),
        queryset=Organisation.objects.filter(kind__in=EMPLOYER_KINDS).order_by("name"),
        empty_label=_("Velg arbeidsgiver"),
        error_messages={
            "required": _("Velg arbeidsgiver."),
            "invalid_choice": _("Velg fra lista."),
        },
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    nav_office = forms.ModelChoiceField(
        label=_("NAV-kontor"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.NAV_OFFICE).order_by("name"),
        empty_label=_("Velg NAV-kontor"),
        help_text=_("En NAV-veileder ved dette kontoret godkjenner avtalen."),
        error_messages={
            "required": _("Velg NAV-kontor."),
            "invalid_choice": _("Velg fra lista."),
        },
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    employment = EmploymentChoiceField(
        label=_("Arbeidsforhold (valgfritt)"),
        queryset=Employment.objects.none(),
        required=False,
        empty_label=_("Ikke koblet"),
        error_messages={"invalid_choice": _("Velg fra lista.")},
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    subsidy_type = forms.ChoiceField(
        label=_("Type tilskudd"),
        choices=SubsidyType.choices,
        error_messages={"required": _("Velg type tilskudd.")},
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    reduced_capacity = forms.BooleanField(
        label=_("Deltakeren har nedsatt arbeidsevne"),
        required=False,
        help_text=_("Gir andre satser og lengre varighet. Varig lønnstilskudd krever det."),
    )
    start_date = _date_field(
        _("Startdato"), help_text=_("Den 1. i en måned. Avtalen løper i hele måneder.")
    )
    months = forms.IntegerField(
        label=_("Varighet (måneder)"),
        min_value=1,
        max_value=120,
        error_messages={
            "required": _("Skriv varigheten i måneder."),
            "invalid": _("Skriv et helt antall måneder."),
            "min_value": _("Varigheten må være minst én måned."),
            "max_value": _("Varigheten kan være høyst 120 måneder."),
        },
        widget=forms.NumberInput(attrs={"class": "ds-input", "min": 1, "step": 1}),
    )
    monthly_wage_ore = KronerField(
        label=_("Månedslønn (kr)"),
        help_text=_(
            "Avtalt lønn per måned. Mentortilskudd: mentorens lønn for mentortimene. "
            "Inkluderingstilskudd: dokumenterte merutgifter per måned."
        ),
        error_messages={"required": _("Skriv månedslønnen.")},
        widget=forms.TextInput(attrs={"class": "ds-input", "inputmode": "decimal"}),
    )
    holiday_pay_rate = _rate_field(_("Feriepenger (%)"), initial=Decimal("10.2"))
    pension_rate = _rate_field(_("Obligatorisk tjenestepensjon, OTP (%)"), initial=Decimal("2"))
    employer_tax_rate = _rate_field(_("Arbeidsgiveravgift (%)"), initial=Decimal("14.1"))

    def __init__(
        self,
        *args: Any,
        participants: QuerySet[Participant],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        participant = self.fields["participant"]
        employment = self.fields["employment"]
        assert isinstance(participant, forms.ModelChoiceField)
        assert isinstance(employment, forms.ModelChoiceField)
        participant.queryset = participants.order_by("last_name", "first_name")
        employment.queryset = (
            Employment.objects.filter(participant__in=participants.values("pk"))
            .select_related("participant", "employer")
            .only(  # never the benefit fields
                "id",
                "participant",
                "employer",
                "job_title",
                "start_date",
                "participant__first_name",
                "participant__last_name",
                "employer__name",
            )
            .order_by("participant__last_name", "-start_date")
        )


LATE_REASON_HELP = _(
    "Kreves når datoen er før i dag, for historikk som registreres senere (for eksempel en "
    "avtale som begynte før tjenesten ble tatt i bruk)."
)


def _late_reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Hvorfor registreres endringen tilbake i tid?"),
        required=False,
        max_length=500,
        help_text=LATE_REASON_HELP,
        error_messages={"max_length": _("Høyst %(limit_value)d tegn.")},
        widget=forms.TextInput(attrs={"class": "ds-input"}),
    )


class AgreementCreateForm(AgreementForm):
    """The new-agreement page: the terms, and the day the draft was made (today, or earlier
    for an agreement registered late, with a reason)."""

    drafted_on = _date_field(
        _("Utkast fra dato"),
        required=False,
        help_text=_("I dag, om ikke avtalen ble laget tidligere enn den registreres."),
    )
    late_reason = _late_reason_field()


class AgreementEditForm(EditTokenMixin, AgreementForm):
    """The edit page's form: carries the version of the draft it was loaded from (ADR 0014)."""


class TransitionForm(forms.Form):
    to = forms.ChoiceField(
        label=_("Ny status"),
        choices=AgreementStatus.choices,
        error_messages={"required": _("Velg ny status."), "invalid_choice": _("Velg fra lista.")},
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    on = _date_field(
        _("Fra dato"),
        help_text=_(
            "Ikke fram i tid. Ved avslutning: den første måneden uten tilskudd (den 1. i måneden)."
        ),
    )
    note = forms.CharField(
        label=_("Merknad"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"class": "ds-input"}),
    )
    late_reason = _late_reason_field()

    def __init__(self, *args: Any, targets: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to = self.fields["to"]
        assert isinstance(to, forms.ChoiceField)
        to.choices = targets


class RefundPeriodForm(forms.Form):
    period_start = _date_field(_("Fra og med"), help_text=_("Den 1. i en måned."))
    period_end = _date_field(
        _("Til og med"), help_text=_("Siste dag i en måned. Høyst tre måneder.")
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Sluttdatoen kan ikke være før startdatoen."))
        return cleaned


class RateForm(forms.Form):
    subsidy_type = forms.ChoiceField(
        label=_("Type tilskudd"),
        choices=SubsidyType.choices,
        error_messages={"required": _("Velg type tilskudd.")},
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    reduced_capacity = forms.BooleanField(label=_("Med nedsatt arbeidsevne"), required=False)
    phase = forms.ChoiceField(
        label=_("Fase"),
        choices=Phase.choices,
        help_text=_("Første periode varer så mange måneder som angitt under; deretter resten."),
        error_messages={"required": _("Velg fase.")},
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    percent = CommaDecimalField(
        label=_("Tilskuddsprosent"),
        max_digits=5,
        decimal_places=2,
        error_messages={
            "required": _("Skriv prosenten."),
            "invalid": _("Skriv et tall, for eksempel 40."),
            "max_decimal_places": _("Bruk høyst to desimaler."),
            "max_digits": _("Prosenten kan ikke være over 100."),
        },
        widget=forms.TextInput(attrs={"class": "ds-input", "inputmode": "decimal"}),
    )
    phase_months = forms.IntegerField(
        label=_("Måneder i første periode"),
        min_value=1,
        max_value=120,
        error_messages={
            "required": _("Skriv antall måneder."),
            "invalid": _("Skriv et helt tall."),
            "min_value": _("Første periode må vare minst én måned."),
            "max_value": _("Høyst 120 måneder."),
        },
        widget=forms.NumberInput(attrs={"class": "ds-input", "min": 1}),
    )
    max_months = forms.IntegerField(
        label=_("Lengste varighet (måneder)"),
        required=False,
        min_value=1,
        max_value=600,
        help_text=_("Tom: ingen fast grense (varig lønnstilskudd)."),
        error_messages={
            "invalid": _("Skriv et helt tall."),
            "min_value": _("Lengste varighet må være minst én måned, eller tom."),
            "max_value": _("Høyst 600 måneder."),
        },
        widget=forms.NumberInput(attrs={"class": "ds-input", "min": 1}),
    )
    valid_from = _date_field(
        _("Gjelder fra"),
        help_text=_("Den 1. i en måned, etter i dag. Tidligere måneder beholder sin sats."),
    )
    note = forms.CharField(
        label=_("Merknad"),
        required=False,
        max_length=300,
        help_text=_("For eksempel hvilket vedtak eller rundskriv endringen følger av."),
        widget=forms.TextInput(attrs={"class": "ds-input"}),
    )
