"""Putting service errors where people look for them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, exc: ValidationError) -> list[str]:
    """Each message next to its field; funding messages are returned for the funding fieldset
    (and summarised above the form); anything else goes above the form."""
    funding: list[str] = []
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return funding
    for field, errors in exc.error_dict.items():
        if field == "funding":
            funding.extend(str(m) for e in errors for m in e.messages)
            form.add_error(None, errors)
        elif field in form.fields:
            form.add_error(field, errors)
        else:
            form.add_error(None, errors)
    return funding


def funding_initial(periods: Any) -> list[dict[str, Any]]:
    return [
        {
            "source": p.source,
            "share_percent": p.share_percent,
            "valid_from": p.valid_from,
            "valid_to": p.valid_to,
        }
        for p in periods
    ]
