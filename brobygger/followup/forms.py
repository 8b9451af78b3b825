from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.employment.models import FundingSource, JobKind

YES_NO = [("yes", _("Ja")), ("no", _("Nei"))]


class FollowUpForm(forms.Form):
    answered_on = forms.DateField(
        label=_("Gjelder per dato"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date", "class": "ds-input"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Velg en dato."),
            "invalid": _("Skriv datoen som dd.mm.åååå."),
        },
    )
    employed = forms.ChoiceField(
        label=_("Er personen i arbeid?"),
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"class": "ds-input"}),
        error_messages={"required": _("Svar ja eller nei.")},
    )
    percent = forms.IntegerField(
        label=_("Stillingsprosent"),
        required=False,
        min_value=1,
        max_value=100,
        widget=forms.NumberInput(attrs={"class": "ds-input", "min": 1, "max": 100}),
        error_messages={
            "invalid": _("Skriv et helt tall mellom 1 og 100."),
            "min_value": _("Stillingsprosenten må være minst 1."),
            "max_value": _("Stillingsprosenten kan ikke være over 100."),
        },
    )
    job_kind = forms.ChoiceField(
        label=_("Type ansettelse"),
        required=False,
        choices=[("", _("Velg"))] + list(JobKind.choices),
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    funding_source = forms.ChoiceField(
        label=_("Hovedfinansiering"),
        required=False,
        choices=[("", _("Vet ikke / ikke aktuelt"))] + list(FundingSource.choices),
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    note = forms.CharField(
        label=_("Merknad"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "ds-input"}),
        help_text=_("Ikke skriv helseopplysninger her."),
    )
