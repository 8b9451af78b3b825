"""Input parsing only; the completion rule lives in the service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brobygger.completion.selectors import OVERVIEW_STATUSES
from brobygger.enrolments.models import Status


class OverviewFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Vis deltakere med status"),
        required=False,
        choices=[("", _("Alle"))] + [(s, Status(s).label) for s in OVERVIEW_STATUSES],
        widget=forms.Select(attrs={"class": "ds-input"}),
    )

    def status_or_all(self) -> str:
        """The chosen status, or "" (all) when none or an unknown one was given."""
        return self.cleaned_data["status"] if self.is_valid() else ""


class CompletionForm(forms.Form):
    completed_on = forms.DateField(
        label=_("Fullført dato"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "ds-input"}),
        error_messages={
            "required": _("Skriv inn datoen deltakeren fullførte."),
            "invalid": _("Skriv en gyldig dato."),
        },
    )
    # Optional here: the service decides whether a reason is needed and says what is missing.
    exception_reason = forms.CharField(
        label=_("Begrunnelse for unntak"),
        required=False,
        max_length=2000,
        help_text=_(
            "Deltakeren oppfyller ikke alle kravene. Skriv hvorfor fullføringen likevel "
            "godkjennes; det blir registrert som et unntak."
        ),
        widget=forms.Textarea(attrs={"class": "ds-input", "rows": 4}),
    )

    def __init__(self, *args: Any, eligible: bool | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"completed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        if eligible is not None:
            self.set_eligible(eligible)

    def set_eligible(self, eligible: bool) -> None:
        """Mark the reason as required in the browser when the participant is not eligible."""
        widget = self.fields["exception_reason"].widget
        if eligible:
            widget.attrs.pop("required", None)
        else:
            widget.attrs["required"] = True
