"""Input for the API client pages: parsing and validation only."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.api.scopes import scope_choices


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Navn på klienten"),
        max_length=100,
        help_text=_("Systemet som skal bruke API-et, for eksempel «Kommunens fagsystem»."),
        error_messages={
            "required": _("Skriv inn et navn."),
            "max_length": _("Navnet kan ha høyst 100 tegn."),
        },
    )
    scopes = forms.MultipleChoiceField(
        label=_("Tilganger"),
        widget=forms.CheckboxSelectMultiple,
        choices=scope_choices,
        error_messages={
            "required": _("Velg minst én tilgang."),
            "invalid_choice": _("Ukjent tilgang: %(value)s."),
        },
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Skriv inn et navn."))
        return name


class ApiClientRevokeForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, trekk tilbake tokenet nå"),
        error_messages={"required": _("Kryss av for å bekrefte.")},
    )
