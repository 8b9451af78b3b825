"""Input for the preferences page: one channel per kind of notification."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.notifications.kinds import KINDS, Channel, Kind

BAD_CHOICE = _("Velg Straks, Daglig sammendrag eller Bare i appen.")


class PreferencesForm(forms.Form):
    """A radio group per kind the user can get; mandatory kinds are shown as fixed, not asked."""

    def __init__(
        self, *args: Any, kinds: list[Kind], current: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fixed = [kind for kind in kinds if kind.mandatory]
        for kind in kinds:
            if kind.mandatory:
                continue
            self.fields[kind.code] = forms.ChoiceField(
                label=str(kind.label),
                choices=Channel.choices,
                initial=current.get(kind.code, kind.default_channel),
                widget=forms.RadioSelect,
                error_messages={"required": BAD_CHOICE, "invalid_choice": BAD_CHOICE},
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A mandatory kind is not a field; a value posted for it anyway must say "immediate".
        for kind in self.fixed:
            posted = self.data.get(kind.code)
            if posted is not None and posted != Channel.IMMEDIATE:
                raise forms.ValidationError(
                    _(
                        "Varsler om innlogging og sikkerhet sendes alltid straks på e-post og "
                        "kan ikke slås av."
                    ),
                    code="mandatory",
                )
        unknown = [
            code for code in self.data if code not in KINDS and code != "csrfmiddlewaretoken"
        ]
        if unknown:
            raise forms.ValidationError(_("Ukjent type varsel."), code="unknown_kind")
        return cleaned
