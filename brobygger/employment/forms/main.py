"""Parsing and field validation for positions, profiles, hiring and employment records."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.core.concurrency import EditTokenMixin
from brobygger.employment.forms._fields import (
    INPUT,
    checkbox,
    choice_field,
    date_field,
    long_text_field,
    percent_field,
    text_field,
)
from brobygger.employment.models import Benefit, JobKind
from brobygger.organisations.models import County, Municipality, Organisation

NO_DESCRIPTION_HINT = _(
    "Over halvparten av MB-stillinger mangler stillingsbeskrivelse. En beskrivelse gjør det "
    "lettere for kandidaten, kollegene og lederen å vite hva rollen er. Du kan lagre uten, men "
    "vi anbefaler å skrive en."
)


class DatesMixin(forms.Form):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Sluttdatoen kan ikke være før startdatoen."))
        return data


class PositionForm(DatesMixin):
    employer = forms.ModelChoiceField(
        label=_("Arbeidsgiver"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Velg en arbeidsgiver fra lista.")},
        widget=forms.Select(attrs=INPUT),
    )
    title = text_field(_("Stillingstittel"), max_length=200)
    service_unit = text_field(_("Tjeneste eller enhet"), max_length=200)
    percent = percent_field()
    kind = choice_field(_("Type stilling"), JobKind.choices)
    start_date = date_field(_("Startdato"))
    end_date = date_field(_("Sluttdato (valgfri)"), required=False)
    description = long_text_field(
        _("Stillingsbeskrivelse"),
        max_length=10000,
        required=False,
        help_text=_("Oppgaver, ansvar, arbeidstid og hvem den ansatte rapporterer til."),
    )
    is_open = checkbox(_("Åpen for søkere"), initial=True)

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers  # type: ignore[attr-defined]
        ids = [org.pk for org in employers]
        if len(ids) == 1:  # one organisation: no choice to make
            self.fields["employer"].widget = forms.HiddenInput()
            self.fields["employer"].initial = ids[0]

    @property
    def lacks_description(self) -> bool:
        value = self["description"].value()
        return not (value or "").strip()


class PositionEditForm(EditTokenMixin, PositionForm):
    """The edit page's form: carries the version it was loaded from (ADR 0014)."""


class ProfileForm(forms.Form):
    headline = text_field(
        _("Overskrift"),
        max_length=150,
        help_text=_("Én setning om deg som arbeidstaker, med dine egne ord."),
    )
    about = long_text_field(_("Om meg"), max_length=3000)
    work_wanted = long_text_field(_("Hva slags arbeid jeg ønsker"), max_length=1500)
    percent_wanted = percent_field(_("Ønsket stillingsprosent (valgfri)"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Kommune jeg vil jobbe i (valgfri)"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Ikke valgt"),
        error_messages={"invalid_choice": _("Velg en kommune fra lista.")},
        widget=forms.Select(attrs=INPUT),
    )
    area = text_field(_("Område eller bydel (valgfri)"), max_length=100, required=False)
    show_completion_year = checkbox(_("Vis året jeg fullførte utdanningen"))
    show_email = checkbox(_("Vis e-postadressen min til arbeidsgivere"))


class PublishForm(forms.Form):
    consent = forms.BooleanField(
        label=_("Jeg har lest teksten over og samtykker"),
        error_messages={
            "required": _("Du må krysse av for samtykket for å vise profilen til arbeidsgivere.")
        },
        widget=forms.CheckboxInput(attrs=INPUT),
    )


class CandidateFilterForm(forms.Form):
    county = forms.ModelChoiceField(
        label=_("Fylke"),
        queryset=County.objects.order_by("name"),
        required=False,
        empty_label=_("Alle fylker"),
        widget=forms.Select(attrs=INPUT),
    )

    def county_or_all(self) -> str:
        if self.is_valid() and self.cleaned_data["county"]:
            return str(self.cleaned_data["county"].pk)
        return ""


class InviteForm(forms.Form):
    position = forms.ModelChoiceField(
        label=_("Stilling"),
        queryset=Organisation.objects.none(),
        empty_label=_("Velg stilling"),
        error_messages={
            "required": _("Velg stillingen du inviterer til."),
            "invalid_choice": _("Velg en av dine åpne stillinger."),
        },
        widget=forms.Select(attrs=INPUT),
    )
    message = long_text_field(
        _("Melding til kandidaten (valgfri)"), max_length=2000, required=False
    )

    def __init__(self, *args: Any, positions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = positions  # type: ignore[attr-defined]


class ApplyForm(forms.Form):
    message = long_text_field(
        _("Melding til arbeidsgiveren (valgfri)"), max_length=2000, required=False
    )


class TransitionForm(forms.Form):
    to = choice_field(_("Neste steg"), [])
    on = date_field(_("Dato"))
    note = text_field(_("Merknad (valgfri)"), max_length=500, required=False)

    def __init__(self, *args: Any, targets: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [("", _("Velg steg")), *targets]  # type: ignore[attr-defined]


class HireForm(DatesMixin):
    start_date = date_field(_("Startdato"))
    end_date = date_field(_("Sluttdato (valgfri)"), required=False)
    percent = percent_field()
    kind = choice_field(_("Type ansettelse"), JobKind.choices)


class EmploymentEditForm(EditTokenMixin, DatesMixin):
    """Carries the version of the record it was loaded from (ADR 0014). The benefit is not
    here: it is kept as dated periods (BenefitForm on the record page)."""

    job_title = text_field(_("Stillingstittel"), max_length=200)
    kind = choice_field(_("Type ansettelse"), JobKind.choices)
    end_date = date_field(_("Sluttdato (valgfri)"), required=False)


class OutsideEmploymentForm(DatesMixin):
    employer = forms.ModelChoiceField(
        label=_("Arbeidsgiver"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Ikke i lista: registrer ny nedenfor"),
        error_messages={"invalid_choice": _("Velg en arbeidsgiver fra lista.")},
        widget=forms.Select(attrs=INPUT),
    )
    employer_name = text_field(_("Ny arbeidsgiver: navn"), max_length=200, required=False)
    employer_orgnr = text_field(
        _("Ny arbeidsgiver: organisasjonsnummer"), max_length=11, required=False
    )
    employer_municipality = forms.ModelChoiceField(
        label=_("Ny arbeidsgiver: kommune"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Velg kommune"),
        widget=forms.Select(attrs=INPUT),
    )
    job_title = text_field(_("Stillingstittel"), max_length=200)
    kind = choice_field(_("Type ansettelse"), JobKind.choices)
    start_date = date_field(_("Startdato"))
    end_date = date_field(_("Sluttdato (valgfri)"), required=False)
    percent = percent_field()
    benefit = choice_field(_("Ytelse i kombinasjon med lønn"), Benefit.choices)
    benefit_other = text_field(_("Annen ytelse: hvilken"), max_length=200, required=False)

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("employer"):
            for name in ("employer_name", "employer_orgnr", "employer_municipality"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(
                        name, _("Fyll ut for en ny arbeidsgiver, eller velg en i lista.")
                    )
        return data

    def service_kwargs(self) -> dict[str, Any]:
        d = dict(self.cleaned_data)
        new = None
        if not d.get("employer"):
            new = {
                "name": d["employer_name"],
                "orgnr": d["employer_orgnr"].replace(" ", ""),
                "municipality": d["employer_municipality"],
            }
        for name in ("employer_name", "employer_orgnr", "employer_municipality"):
            d.pop(name, None)
        return {**d, "new_employer": new}


class PercentForm(forms.Form):
    percent = percent_field(_("Ny stillingsprosent"))
    valid_from = date_field(_("Gjelder fra"))


class BenefitForm(forms.Form):
    """A benefit period (kind, grade, dates) for the record page ("Legg til ytelse")."""

    kind = choice_field(
        _("Ytelse"), [(v, label) for v, label in Benefit.choices if v != Benefit.UNKNOWN]
    )
    grade_percent = forms.IntegerField(
        label=_("Gradering (%, valgfri)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Tom der ytelsen ikke er gradert."),
        error_messages={
            "invalid": _("Skriv et helt tall fra 0 til 100."),
            "min_value": _("Graderingen kan ikke være under 0 %%."),
            "max_value": _("Graderingen kan ikke være over 100 %%."),
        },
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1, **INPUT}),
    )
    valid_from = date_field(_("Gjelder fra"))
    valid_to = date_field(_("Gjelder til (valgfri)"), required=False)
    other_text = text_field(_("Annen ytelse: hvilken"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("«Til»-datoen kan ikke være før «fra»-datoen."))
        return data


class BenefitEndForm(forms.Form):
    period_id = forms.IntegerField(widget=forms.HiddenInput)
    valid_to = date_field(_("Siste dag med ytelsen"))


class EmployerOrgForm(forms.Form):
    name = text_field(_("Navn"), max_length=200)
    orgnr = text_field(
        _("Organisasjonsnummer"), max_length=11, help_text=_("Ni siffer, med eller uten mellomrom.")
    )
    municipality = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=Municipality.objects.order_by("name"),
        empty_label=_("Velg kommune"),
        error_messages={
            "required": _("Velg kommune."),
            "invalid_choice": _("Velg en kommune fra lista."),
        },
        widget=forms.Select(attrs=INPUT),
    )

    def clean_orgnr(self) -> str:
        return str(self.cleaned_data["orgnr"]).replace(" ", "")


class EmployerUserForm(forms.Form):
    first_name = text_field(_("Fornavn"), max_length=150)
    last_name = text_field(_("Etternavn"), max_length=150)
    email = forms.EmailField(
        label=_("E-post"),
        error_messages={
            "required": _("Skriv e-postadressen."),
            "invalid": _("Skriv en gyldig e-postadresse."),
        },
        widget=forms.EmailInput(attrs=INPUT),
        help_text=_("Invitasjonen sendes hit. Personen lager sin egen innlogging."),
    )
