"""Funding periods as a small formset: empty rows are ignored, the rule across rows (never over
100 % a day) is checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.employment.forms._fields import choice_field, date_field
from brobygger.employment.funding import FundingRow
from brobygger.employment.models import FundingSource


class FundingForm(forms.Form):
    # Optional one by one so blank formset rows are skipped; clean() asks for the rest once a
    # row is started. A single period form (require_all=True) needs them all.
    source = choice_field(
        _("Finansieringskilde"), [("", _("Velg kilde")), *FundingSource.choices], required=False
    )
    share_percent = forms.IntegerField(
        label=_("Andel (%)"),
        required=False,
        min_value=1,
        max_value=100,
        error_messages={
            "required": _("Skriv andelen i prosent."),
            "invalid": _("Skriv et helt tall mellom 1 og 100."),
            "min_value": _("Andelen må være minst 1 %%."),
            "max_value": _("Andelen kan ikke være over 100 %%."),
        },
        widget=forms.NumberInput(attrs={"min": 1, "max": 100, "class": "ds-input"}),
    )
    valid_from = date_field(_("Fra"), required=False)
    valid_to = date_field(_("Til (valgfri)"), required=False)

    def __init__(self, *args: Any, require_all: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.require_all = require_all
        if require_all:
            for name in ("source", "share_percent", "valid_from"):
                self.fields[name].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.require_all or self.has_changed():
            needed = {
                "source": _("Velg finansieringskilde."),
                "share_percent": _("Skriv andelen i prosent."),
                "valid_from": _("Velg en dato."),
            }
            for name, message in needed.items():
                if data.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, message)
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("«Til» kan ikke være før «fra»."))
        return data

    def row(self) -> FundingRow:
        d = self.cleaned_data
        return FundingRow(d["source"], d["share_percent"], d["valid_from"], d.get("valid_to"))


def funding_formset(
    data: Any = None, *, initial: list[dict[str, Any]] | None = None, extra: int = 2
) -> Any:
    """Bound or unbound funding rows; unbound ones get `extra` blank rows to fill in."""
    cls = forms.formset_factory(FundingForm, extra=extra, max_num=12, absolute_max=12)
    return cls(data, initial=initial, prefix="funding")


def funding_rows(formset: Any) -> list[FundingRow]:
    """The filled-in rows of a valid formset (untouched blank rows are skipped)."""
    return [f.row() for f in formset.forms if f.has_changed() and f.cleaned_data]
