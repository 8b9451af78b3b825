"""Parsing and field validation only; rules across rows live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from brobygger.accounts.models import User
from brobygger.contacts.selectors import coordinator_user_choices, municipality_choices
from brobygger.core.concurrency import EditTokenMixin
from brobygger.organisations.models import County, Municipality

INPUT = {"class": "ds-input"}
PHONE_VALIDATOR = RegexValidator(
    r"^\+?[0-9 ]{8,20}$",
    _("Skriv telefonnummeret med siffer, for eksempel 55 55 55 55 eller +47 55 55 55 55."),
)


class GroupedSelect(forms.Select):
    """A <select> with <optgroup>s rendered in Python: Django's per-option templates took most
    of the public page's time with 357 municipalities."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        selected = "" if value is None else str(value)
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        parts: list[str] = [format_html("<select{}>", flatatt(final))]
        for group, options in self.choices:
            if isinstance(options, list | tuple):
                parts.append(f'<optgroup label="{escape(group)}">')
                parts.extend(self._option(v, label, selected) for v, label in options)
                parts.append("</optgroup>")
            else:
                parts.append(self._option(group, options, selected))
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped

    @staticmethod
    def _option(value: Any, label: Any, selected: str) -> str:
        marker = " selected" if str(value) == selected else ""
        return f'<option value="{escape(value)}"{marker}>{escape(label)}</option>'


def _municipality_field(**kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Kommune"),
        error_messages={
            "required": _("Velg kommune."),
            "invalid_choice": _("Velg en kommune fra lista."),
        },
        widget=GroupedSelect(attrs={**INPUT, "autocomplete": "off"}),
        **kwargs,
    )


def _with_municipalities(field: forms.Field) -> None:
    field.choices = [("", _("Velg kommune")), *municipality_choices()]  # type: ignore[attr-defined]


class FindContactForm(forms.Form):
    kommune = _municipality_field(
        help_text=_("Kommunene er gruppert etter fylke. Du kan skrive navnet når lista er valgt.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _with_municipalities(self.fields["kommune"])


class ContactMessageForm(forms.Form):
    sender_name = forms.CharField(
        label=_("Navn"),
        max_length=200,
        error_messages={"required": _("Skriv navnet ditt.")},
        widget=forms.TextInput(attrs={**INPUT, "autocomplete": "name"}),
    )
    sender_organisation = forms.CharField(
        label=_("Virksomhet eller arbeidsgiver"),
        max_length=200,
        error_messages={"required": _("Skriv hvilken virksomhet du skriver fra.")},
        widget=forms.TextInput(attrs={**INPUT, "autocomplete": "organization"}),
    )
    sender_email = forms.EmailField(
        label=_("E-post"),
        max_length=254,
        help_text=_("Fylkeskoordinatoren svarer deg hit."),
        error_messages={
            "required": _("Skriv e-postadressen din."),
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel navn@kommune.no."),
        },
        widget=forms.EmailInput(attrs={**INPUT, "autocomplete": "email"}),
    )
    sender_phone = forms.CharField(
        label=_("Telefon (valgfritt)"),
        max_length=32,
        required=False,
        validators=[PHONE_VALIDATOR],
        widget=forms.TextInput(attrs={**INPUT, "autocomplete": "tel", "inputmode": "tel"}),
    )
    municipality = _municipality_field(
        help_text=_("Meldingen går til fylkeskoordinatoren i fylket kommunen ligger i.")
    )
    body = forms.CharField(
        label=_("Melding"),
        max_length=5000,
        help_text=_(
            "Skriv kort hva du lurer på. Ikke skriv helseopplysninger eller fødselsnummer."
        ),
        error_messages={
            "required": _("Skriv en melding."),
            "max_length": _("Meldingen kan ikke være lengre enn %(limit_value)d tegn."),
        },
        widget=forms.Textarea(attrs={**INPUT, "rows": 6}),
    )
    # A honeypot: hidden from people (CSS and aria-hidden), filled in by naive bots.
    website = forms.CharField(
        label=_("La dette feltet stå tomt"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _with_municipalities(self.fields["municipality"])

    def clean_municipality(self) -> Municipality | None:
        number = self.cleaned_data["municipality"]
        return Municipality.objects.select_related("county").filter(number=number).first()

    @property
    def is_trap(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def visible_fields(self) -> list[Any]:
        return [field for field in self if field.name != "website"]

    def cleaned_data_for_service(self) -> dict[str, Any]:
        return {key: value for key, value in self.cleaned_data.items() if key != "website"}


class DirectoryEntryForm(forms.Form):
    county = forms.ModelChoiceField(
        label=_("Fylke"),
        queryset=County.objects.order_by("number"),
        empty_label=_("Velg fylke"),
        error_messages={
            "required": _("Velg fylke."),
            "invalid_choice": _("Velg et fylke fra lista."),
        },
        widget=forms.Select(attrs=INPUT),
    )
    user = forms.TypedChoiceField(
        label=_("Brukerkonto"),
        coerce=int,
        help_text=_(
            "Kontoer med rollen fylkeskoordinator, gruppert etter organisasjon. Kontoen får "
            "meldingene til fylket i innboksen sin."
        ),
        error_messages={
            "required": _("Velg brukerkonto."),
            "invalid_choice": _("Velg en brukerkonto fra lista."),
        },
        widget=forms.Select(attrs=INPUT),
    )
    name = forms.CharField(
        label=_("Navn som vises"),
        max_length=200,
        error_messages={"required": _("Skriv navnet som skal vises.")},
        widget=forms.TextInput(attrs=INPUT),
    )
    title = forms.CharField(
        label=_("Tittel"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=INPUT),
    )
    email = forms.EmailField(
        label=_("E-post"),
        max_length=254,
        error_messages={
            "required": _("Skriv e-postadressen."),
            "invalid": _("Skriv en gyldig e-postadresse."),
        },
        widget=forms.EmailInput(attrs=INPUT),
    )
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=32,
        required=False,
        validators=[PHONE_VALIDATOR],
        widget=forms.TextInput(attrs={**INPUT, "inputmode": "tel"}),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:  # an entry stays tied to its account; make a new entry for another one
            del self.fields["user"]
        else:
            self.fields["user"].choices = [  # type: ignore[attr-defined]
                ("", _("Velg brukerkonto")),
                *coordinator_user_choices(),
            ]

    def clean_user(self) -> Any:
        # Like a ModelChoiceField: the choices were built from the same memberships.
        return User.objects.filter(pk=self.cleaned_data["user"]).first()


class DirectoryEntryEditForm(EditTokenMixin, DirectoryEntryForm):
    """The edit page's form: carries the version of the entry it was loaded from (ADR 0014)."""
