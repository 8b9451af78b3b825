"""Parsing and field validation only; the rules across rows live in services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.accounts.models import Membership, Role, User
from brobygger.core.concurrency import EditTokenMixin
from brobygger.organisations.models import Organisation
from brobygger.placements.models import EvaluationKind
from brobygger.placements.rules import WEEKDAYS
from brobygger.placements.services import hours_field

DATE_WIDGET = forms.DateInput(attrs={"type": "date", "class": "ds-input"}, format="%Y-%m-%d")
DATE_ERRORS = {
    "required": _("Velg en dato."),
    "invalid": _("Skriv datoen som dd.mm.åååå."),
}
PERCENT_ERRORS = {
    "required": _("Skriv praksisprosenten."),
    "invalid": _("Skriv et helt tall mellom 1 og 100."),
    "min_value": _("Praksisprosenten må være minst 1."),
    "max_value": _("Praksisprosenten kan ikke være over 100."),
}
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


def _percent_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Praksisprosent"),
        min_value=1,
        max_value=100,
        error_messages=PERCENT_ERRORS,
        widget=forms.NumberInput(attrs={"class": "ds-input", "min": 1, "max": 100, "step": 1}),
        **kwargs,
    )


class PlacementForm(forms.Form):
    host = forms.ModelChoiceField(
        label=_("Praksissted"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("Velg praksissted"),
        error_messages={
            "required": _("Velg praksissted."),
            "invalid_choice": _("Velg et praksissted fra lista."),
        },
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    supervisor = forms.TypedChoiceField(
        label=_("Praksisveileder"),
        coerce=int,
        help_text=_("Veilederne er gruppert etter stedet der de er praksisveileder."),
        error_messages={
            "required": _("Velg praksisveileder."),
            "invalid_choice": _("Velg en praksisveileder fra lista."),
        },
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    start_date = forms.DateField(
        label=_("Startdato"),
        widget=DATE_WIDGET,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=DATE_ERRORS,
    )
    end_date = forms.DateField(
        label=_("Sluttdato"),
        widget=DATE_WIDGET,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=DATE_ERRORS,
    )
    percent = _percent_field(help_text=_("Andel av en full uke (37,5 timer). Kan endres senere."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Supervisors grouped by the organisation where they hold the role (one query).
        groups: dict[str, list[tuple[int, str]]] = {}
        memberships = (
            Membership.objects.active()
            .filter(role=Role.SUPERVISOR)
            .select_related("user", "organisation")
            .order_by("organisation__name", "user__last_name", "user__first_name")
        )
        for membership in memberships:
            groups.setdefault(membership.organisation.name, []).append(
                (membership.user_id, str(membership.user))
            )
        choices: list[Any] = [("", _("Velg praksisveileder"))]
        choices += list(groups.items())
        supervisor = self.fields["supervisor"]
        assert isinstance(supervisor, forms.TypedChoiceField)
        supervisor.choices = choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Sluttdatoen kan ikke være før startdatoen."))
        return cleaned

    def clean_supervisor(self) -> User | None:
        pk = self.cleaned_data["supervisor"]
        return User.objects.filter(pk=pk).first()


class PercentForm(forms.Form):
    percent = _percent_field()
    valid_from = forms.DateField(
        label=_("Gjelder fra"),
        widget=DATE_WIDGET,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=DATE_ERRORS,
    )


class HoursField(forms.DecimalField):
    """Accepts a decimal comma as well as a point."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class TimesheetForm(EditTokenMixin, forms.Form):
    """One hours field per day of the week that lies within the placement, and the week as
    the page was loaded (ADR 0014)."""

    def __init__(self, *args: Any, days: list[dt.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.days = days
        for day in days:
            self.fields[hours_field(day)] = HoursField(
                label=f"{WEEKDAYS[day.weekday()]} {day:%d.%m.}",
                required=False,
                decimal_places=2,
                min_value=Decimal("0"),
                max_value=Decimal("24"),
                error_messages={
                    "invalid": _("Skriv et tall, for eksempel 7,5."),
                    "min_value": _("Timer kan ikke være negative."),
                    "max_value": _("Et døgn har bare 24 timer. Før opp høyst 24 timer."),
                    "max_decimal_places": _("Bruk høyst to desimaler, for eksempel 7,25."),
                },
                widget=forms.NumberInput(
                    attrs={
                        "class": "ds-input",
                        "step": "0.25",
                        "min": "0",
                        "max": "24",
                        "inputmode": "decimal",
                    }
                ),
            )

    def hours(self) -> dict[dt.date, Decimal | None]:
        return {day: self.cleaned_data.get(hours_field(day)) for day in self.days}


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar til deltakeren"),
        required=False,  # required when returning; the service says so next to the field
        max_length=2000,
        help_text=_("Må fylles ut når du sender timelisten tilbake."),
        widget=forms.Textarea(attrs={"class": "ds-input", "rows": 3}),
    )


class EvaluationForm(EditTokenMixin, forms.Form):
    """Carries the evaluation as the page was loaded (ADR 0014)."""

    text = forms.CharField(
        label=_("Evaluering"),
        max_length=20000,
        error_messages={"required": _("Skriv evalueringen før du lagrer.")},
        widget=forms.Textarea(attrs={"class": "ds-input", "rows": 12}),
    )


EVALUATION_KINDS = dict(EvaluationKind.choices)
