"""Input parsing for the privacy pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.privacy.consents import CURRENT_VERSION
from brobygger.privacy.models import ConsentPurpose
from brobygger.privacy.retention.services import REASON_MAX


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(
        choices=[],
        error_messages={
            "required": _("Velg hva samtykket gjelder."),
            "invalid_choice": _("Ukjent formål for samtykke."),
        },
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        labels = dict(ConsentPurpose.choices)
        self.fields["purpose"].choices = [  # type: ignore[attr-defined]
            (purpose, labels.get(purpose, purpose)) for purpose in CURRENT_VERSION
        ]


class AnonymiseForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrunnelse"),
        help_text=_(
            "For eksempel: «Personen ba om sletting i brev 12.03.» Ikke skriv helseopplysninger."
        ),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"class": "ds-input", "rows": 3}),
        error_messages={
            "required": _("Skriv hvorfor opplysningene skal anonymiseres nå."),
            "max_length": _("Begrunnelsen kan være høyst %(limit_value)d tegn."),
        },
    )
    confirm = forms.BooleanField(
        label=_("Jeg forstår at dette ikke kan angres."),
        widget=forms.CheckboxInput(attrs={"class": "ds-input"}),
        error_messages={"required": _("Bekreft at du forstår at dette ikke kan angres.")},
    )
