"""Parsing and field validation only; versioning and the PDF check live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

INPUT = {"class": "ds-input"}
CHECKBOX = {"class": "ds-input"}
TITLE_ERRORS = {"required": _("Skriv en tittel.")}
URL_MESSAGE = _("Skriv en gyldig nettadresse som begynner med https://.")


class PageForm(forms.Form):
    title = forms.CharField(
        label=_("Tittel"),
        max_length=200,
        error_messages=TITLE_ERRORS,
        widget=forms.TextInput(attrs=INPUT),
    )
    slug = forms.CharField(
        label=_("Adresse"),
        max_length=60,
        required=False,
        help_text=_(
            "Siste del av nettadressen, for eksempel «rad-til-ledere». Lages av tittelen "
            "hvis du lar feltet stå tomt. Kan ikke endres senere."
        ),
        widget=forms.TextInput(attrs=INPUT),
    )
    summary = forms.CharField(
        label=_("Ingress"),
        max_length=500,
        required=False,
        help_text=_("Én eller to setninger øverst på siden."),
        widget=forms.Textarea(attrs={**INPUT, "rows": 2}),
    )
    body = forms.CharField(
        label=_("Tekst"),
        max_length=30000,
        help_text=_(
            "Vanlig tekst. Tom linje gir nytt avsnitt. «## » først på en linje gir en "
            "mellomtittel, «- » gir en punktliste og «1. » en nummerert liste."
        ),
        error_messages={"required": _("Skriv teksten på siden.")},
        widget=forms.Textarea(attrs={**INPUT, "rows": 20}),
    )
    is_published = forms.BooleanField(
        label=_("Vis siden for alle"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["slug"]
        else:
            del self.fields["based_on"]


class ResourceForm(forms.Form):
    title = forms.CharField(
        label=_("Tittel"),
        max_length=200,
        error_messages=TITLE_ERRORS,
        widget=forms.TextInput(attrs=INPUT),
    )
    summary = forms.CharField(
        label=_("Kort beskrivelse"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={**INPUT, "rows": 3}),
    )
    url = forms.URLField(
        label=_("Lenke"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("En åpen nettside, for eksempel på nav.no. Fyll inn lenke eller last opp PDF."),
        validators=[URLValidator(schemes=["http", "https"], message=URL_MESSAGE)],
        error_messages={"invalid": URL_MESSAGE},
        widget=forms.URLInput(attrs=INPUT),
    )
    document = forms.FileField(
        label=_("Dokument (PDF)"),
        required=False,
        help_text=_("Bare PDF. Dokumentet blir åpent tilgjengelig for alle."),
        widget=forms.FileInput(attrs={**INPUT, "accept": ".pdf,application/pdf"}),
    )
    remove_document = forms.BooleanField(
        label=_("Fjern dokumentet (bruk lenken i stedet)"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )
    tags = forms.CharField(
        label=_("Emneord"),
        max_length=300,
        required=False,
        help_text=_("Skill med komma, for eksempel «Lønnstilskudd, Rekruttering»."),
        widget=forms.TextInput(attrs=INPUT),
    )
    is_published = forms.BooleanField(
        label=_("Vis i ressursbiblioteket"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, editing: bool = False, has_document: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["based_on"]
        if not has_document:
            del self.fields["remove_document"]

    def clean_tags(self) -> list[str]:
        names = [name.strip() for name in self.cleaned_data["tags"].split(",")]
        names = [name for name in names if name]
        if any(len(name) > 50 for name in names):
            raise forms.ValidationError(_("Et emneord kan ha høyst 50 tegn."))
        return names
