"""Input parsing only; the completion rule lives in the service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brobygger.completion.selectors import (
    OVERVIEW_STATUSES,
    SORT_ATTENDANCE,
    SORT_NAME,
    SORT_PRACTICE,
    SORT_WARNINGS,
)
from brobygger.enrolments.models import Status

FOLLOW_UP = "ja"


class OverviewFilterForm(forms.Form):
    """The overview's filter and order, from GET. An unknown value in one field falls back to
    that field's default (with a message next to it) and leaves the other fields alone."""

    status = forms.ChoiceField(
        label=_("Vis deltakere med status"),
        required=False,
        choices=[("", _("Alle"))] + [(s, Status(s).label) for s in OVERVIEW_STATUSES],
        widget=forms.Select(attrs={"class": "ds-input"}),
        error_messages={"invalid_choice": _("Ukjent status. Viser alle statuser.")},
    )
    oppfolging = forms.ChoiceField(
        label=_("Oppfølging"),
        required=False,
        choices=[("", _("Alle")), (FOLLOW_UP, _("Trenger oppfølging"))],
        widget=forms.Select(attrs={"class": "ds-input"}),
        error_messages={"invalid_choice": _("Ukjent valg. Viser alle deltakere.")},
    )
    sort = forms.ChoiceField(
        label=_("Sorter etter"),
        required=False,
        choices=[
            (SORT_NAME, _("Navn")),
            (SORT_WARNINGS, _("Flest varsler")),
            (SORT_ATTENDANCE, _("Lavest oppmøte")),
            (SORT_PRACTICE, _("Færrest praksisuker")),
        ],
        widget=forms.Select(attrs={"class": "ds-input"}),
        error_messages={"invalid_choice": _("Ukjent sortering. Viser sortert etter navn.")},
    )

    def _value(self, name: str) -> str:
        self.is_valid()  # cleans every field; a field with a bad value is left out
        return str(self.cleaned_data.get(name) or "")

    def status_or_all(self) -> str:
        """The chosen status, or "" (all) when none or an unknown one was given."""
        return self._value("status")

    def follow_up_only(self) -> bool:
        """Whether to show only participants with at least one warning."""
        return self._value("oppfolging") == FOLLOW_UP

    def sort_or_default(self) -> str:
        """The chosen order, or by name when none or an unknown one was given."""
        return self._value("sort") or SORT_NAME


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
