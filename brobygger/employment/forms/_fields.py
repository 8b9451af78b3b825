"""Field builders shared by the employment forms: Norwegian messages, Designsystemet classes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
DATE_ERRORS = {"required": _("Velg en dato."), "invalid": _("Skriv datoen som dd.mm.åååå.")}
INPUT = {"class": "ds-input"}


def date_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date", **INPUT}, format="%Y-%m-%d"),
        **kwargs,
    )


def percent_field(label: Any = None, *, required: bool = True, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label or _("Stillingsprosent"),
        required=required,
        min_value=1,
        max_value=100,
        error_messages={
            "required": _("Skriv stillingsprosenten."),
            "invalid": _("Skriv et helt tall mellom 1 og 100."),
            "min_value": _("Stillingsprosenten må være minst 1."),
            "max_value": _("Stillingsprosenten kan ikke være over 100."),
        },
        widget=forms.NumberInput(attrs={"min": 1, "max": 100, "step": 1, **INPUT}),
        **kwargs,
    )


def text_field(label: Any, *, max_length: int, required: bool = True, **kw: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": _("Fyll ut feltet."),
            "max_length": _("Teksten er for lang (høyst %(limit_value)d tegn)."),
        },
        widget=forms.TextInput(attrs=INPUT),
        **kw,
    )


def long_text_field(
    label: Any, *, max_length: int, required: bool = True, **kw: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": _("Fyll ut feltet."),
            "max_length": _("Teksten er for lang (høyst %(limit_value)d tegn)."),
        },
        widget=forms.Textarea(attrs={"rows": 5, "class": "ds-input"}),
        **kw,
    )


def choice_field(
    label: Any, choices: Any, *, required: bool = True, **kw: Any
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        error_messages={
            "required": _("Velg et alternativ."),
            "invalid_choice": _("Velg et alternativ fra lista."),
        },
        widget=forms.Select(attrs=INPUT),
        **kw,
    )


def checkbox(label: Any, **kw: Any) -> forms.BooleanField:
    return forms.BooleanField(
        label=label,
        required=False,
        widget=forms.CheckboxInput(attrs=INPUT),
        **kw,
    )
