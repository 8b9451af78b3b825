"""Input parsing and field validation only; the rules live in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.applications.models import MOTIVATION_MAX_LENGTH
from brobygger.contacts.forms import PHONE_VALIDATOR
from brobygger.enrolments.forms import StyledForm
from brobygger.organisations.models import Municipality


class EmailForm(StyledForm):
    email = forms.EmailField(
        label=_("E-postadresse"),
        max_length=254,
        help_text=_("Vi sender en lenke hit. Lenken gjelder i to timer og kan brukes én gang."),
        error_messages={
            "required": _("Skriv e-postadressen din."),
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel navn@example.no."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class OnlineApplicationForm(StyledForm):
    first_name = forms.CharField(
        label=_("Fornavn"),
        max_length=100,
        error_messages={"required": _("Skriv fornavnet ditt.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Etternavn"),
        max_length=100,
        error_messages={"required": _("Skriv etternavnet ditt.")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=20,
        validators=[PHONE_VALIDATOR],
        error_messages={"required": _("Skriv telefonnummeret ditt.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Bostedskommune"),
        queryset=Municipality.objects.order_by("name"),
        empty_label=_("Velg kommune"),
        error_messages={
            "required": _("Velg bostedskommunen din."),
            "invalid_choice": _("Velg en kommune fra lista."),
        },
    )
    motivation = forms.CharField(
        label=_("Hvorfor vil du være med?"),
        help_text=_("Skriv kort, høyst %(max)s tegn.") % {"max": MOTIVATION_MAX_LENGTH},
        max_length=MOTIVATION_MAX_LENGTH,
        error_messages={
            "required": _("Skriv kort hvorfor du vil være med."),
            "max_length": _(
                "Motivasjonen kan ha høyst %(limit_value)d tegn (du har skrevet %(show_value)d)."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    consent = forms.BooleanField(
        label=_("Jeg samtykker til behandlingen av opplysningene som beskrevet over."),
        required=False,  # the service refuses it with its own message, next to the field
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["consent"].widget.attrs["class"] = "ds-checkbox"
