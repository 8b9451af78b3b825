"""Forms for protecting a participant. Parsing only; the rules live in accesslog.protection."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from brobygger.accesslog.models import HiddenNameReason
from brobygger.accounts.models import User
from brobygger.core.formfields import IdMultipleChoiceField
from brobygger.enrolments.models import ProtectionReason


class ProtectionForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Grunn til skjerming"),
        choices=ProtectionReason.choices,
        widget=forms.RadioSelect(attrs={"class": "ds-input"}),
        error_messages={"required": _("Velg en grunn til skjermingen.")},
    )
    reason_text = forms.CharField(
        label=_("Beskrivelse av grunnen"),
        help_text=_("Bare når du velger «Annet». Skriv ikke helseopplysninger her."),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"class": "ds-input"}),
    )
    users = IdMultipleChoiceField(
        label=_("Hvem skal ha tilgang"),
        help_text=_(
            "Du får tilgang selv. Alle andre, også koordinatorer, undervisere, "
            "praksisveiledere og NAV-veiledere, ser ikke deltakeren uten å stå her."
        ),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, candidates: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["users"]
        field.queryset = candidates  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: user.get_full_name() or user.username  # type: ignore[attr-defined]


class HiddenStaffNameForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Ansatt"),
        queryset=User.objects.none(),
        empty_label=_("Velg en ansatt"),
        error_messages={
            "required": _("Velg hvem som skal stå uten navn."),
            "invalid_choice": _("Velg en ansatt fra lista."),
        },
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    reason = forms.ChoiceField(
        label=_("Grunn"),
        choices=HiddenNameReason.choices,
        widget=forms.RadioSelect(attrs={"class": "ds-input"}),
        error_messages={
            "required": _("Velg en grunn."),
            "invalid_choice": _("Velg en av grunnene."),
        },
    )
    reason_text = forms.CharField(
        label=_("Beskrivelse av grunnen"),
        help_text=_(
            "Bare når du velger «Annet». Deltakerne ser aldri grunnen. "
            "Skriv ikke mer enn det som trengs."
        ),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"class": "ds-input"}),
    )

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        field.queryset = staff  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: (  # type: ignore[attr-defined]
            f"{user.get_full_name() or user.username} ({user.username})"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reason") == HiddenNameReason.OTHER and not data.get("reason_text", "").strip():
            self.add_error("reason_text", _("Beskriv grunnen når du velger «Annet»."))
        return data
