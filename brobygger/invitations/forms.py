"""Input for invitations: the code a person types, their new login, and the invite forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from brobygger.accounts.models import Role, User
from brobygger.invitations import tokens

INPUT = {"class": "ds-input"}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Invitasjonskode"),
        help_text=_("16 tegn, for eksempel ABCD-EFGH-JKMN-PQRS. Store eller små bokstaver."),
        max_length=40,
        error_messages={"required": _("Skriv invitasjonskoden.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", **INPUT}),
    )

    def clean_code(self) -> str:
        code = tokens.normalise(self.cleaned_data["code"])
        if not tokens.looks_valid(code):
            raise forms.ValidationError(
                _("Koden har 16 tegn (bokstaver og tall). Sjekk at du har skrevet den riktig.")
            )
        return code


class NewLoginForm(forms.Form):
    """A user name and password, where no identity provider is configured."""

    username = forms.CharField(
        label=_("Brukernavn"),
        max_length=150,
        error_messages={"required": _("Velg et brukernavn.")},
        widget=forms.TextInput(attrs={"autocomplete": "username", **INPUT}),
    )
    password1 = forms.CharField(
        label=_("Passord"),
        help_text=_("Minst 12 tegn. Gjerne flere ord satt sammen."),
        strip=False,
        error_messages={"required": _("Velg et passord.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", **INPUT}),
    )
    password2 = forms.CharField(
        label=_("Gjenta passordet"),
        strip=False,
        error_messages={"required": _("Skriv passordet en gang til.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", **INPUT}),
    )

    def __init__(self, *args: Any, person: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person or {}

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        try:
            User.username_validator(username)
        except forms.ValidationError as exc:
            raise forms.ValidationError(
                _("Bruk bare bokstaver, tall og tegnene @ . + - _ i brukernavnet.")
            ) from exc
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Brukernavnet er tatt. Velg et annet."))
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Passordene er ikke like."))
        elif first:
            probe = User(username=data.get("username", ""), **self.person)
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ParticipantInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-post"),
        required=False,
        help_text=_("Invitasjonen sendes hit. Uten e-post får du en kode å gi personen selv."),
        error_messages={"invalid": _("Skriv en gyldig e-postadresse, som navn@eksempel.no.")},
        widget=forms.EmailInput(attrs={"autocomplete": "off", **INPUT}),
    )


class StaffInviteForm(forms.Form):
    first_name = forms.CharField(
        label=_("Fornavn"),
        max_length=150,
        error_messages={"required": _("Skriv fornavnet.")},
        widget=forms.TextInput(attrs=INPUT),
    )
    last_name = forms.CharField(
        label=_("Etternavn"),
        max_length=150,
        error_messages={"required": _("Skriv etternavnet.")},
        widget=forms.TextInput(attrs=INPUT),
    )
    email = forms.EmailField(
        label=_("E-post"),
        required=False,
        help_text=_("Invitasjonen sendes hit. Uten e-post får du en kode å gi personen selv."),
        error_messages={"invalid": _("Skriv en gyldig e-postadresse, som navn@eksempel.no.")},
        widget=forms.EmailInput(attrs={"autocomplete": "off", **INPUT}),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roller"),
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Velg minst én rolle."),
            "invalid_choice": _("Velg blant rollene i listen."),
        },
    )

    def __init__(self, *args: Any, grantable: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles_field: Any = self.fields["roles"]
        roles_field.choices = [(role, Role(role).label) for role in grantable]
