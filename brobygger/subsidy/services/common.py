"""Small helpers shared by the subsidy services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from brobygger.subsidy.models import SubsidyRate, SubsidyType


def format_month(day: dt.date) -> str:
    return day.strftime("%m.%Y")


def errors_from(exc: ValidationError) -> dict[str, Any]:
    return dict(exc.message_dict) if hasattr(exc, "error_dict") else {"__all__": exc.messages}


def rates_for(subsidy_type: str, reduced_capacity: bool) -> list[SubsidyRate]:
    return list(
        SubsidyRate.objects.filter(subsidy_type=subsidy_type, reduced_capacity=reduced_capacity)
    )


def describe(subsidy_type: str, reduced_capacity: bool) -> str:
    """E.g. "Midlertidig lønnstilskudd med nedsatt arbeidsevne", for messages."""
    label = str(dict(SubsidyType.choices).get(subsidy_type, subsidy_type))
    suffix = _("med nedsatt arbeidsevne") if reduced_capacity else _("uten nedsatt arbeidsevne")
    return f"{label} {suffix}"
