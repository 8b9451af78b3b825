"""Shared checks for the employment services: dates, funding periods, error collection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from brobygger.core.formatting import format_day
from brobygger.employment.funding import FundingRow, first_overflow


def errors_of(exc: ValidationError, rename: dict[str, str] | None = None) -> dict[str, Any]:
    rename = rename or {}
    return {rename.get(field, field): msgs for field, msgs in exc.message_dict.items()}


def check_dates(start: dt.date, end: dt.date | None, errors: dict[str, Any]) -> None:
    if end is not None and end < start:
        errors["end_date"] = _("Sluttdatoen kan ikke være før startdatoen.")


def check_funding(
    rows: Sequence[FundingRow],
    errors: dict[str, Any],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> None:
    """Each period in order, inside the job's dates, shares 1-100, and never over 100 % a day.
    Messages go under the key "funding"."""
    messages: list[str] = []
    for number, row in enumerate(rows, start=1):
        if not 1 <= row.share_percent <= 100:
            messages.append(
                _("Finansieringslinje %(n)s: andelen må være mellom 1 og 100 %%.") % {"n": number}
            )
        if row.valid_to is not None and row.valid_to < row.valid_from:
            messages.append(
                _("Finansieringslinje %(n)s: «til»-datoen kan ikke være før «fra»-datoen.")
                % {"n": number}
            )
        if start is not None and row.valid_from < start:
            messages.append(
                _("Finansieringslinje %(n)s kan ikke starte før stillingen (%(start)s).")
                % {"n": number, "start": format_day(start)}
            )
        if end is not None and row.valid_to is not None and row.valid_to > end:
            messages.append(
                _("Finansieringslinje %(n)s kan ikke vare etter sluttdatoen (%(end)s).")
                % {"n": number, "end": format_day(end)}
            )
    if not messages:
        overflow = first_overflow(rows)
        if overflow is not None:
            messages.append(
                _(
                    "Finansieringsperiodene overlapper og blir til sammen %(total)s %% fra "
                    "%(day)s. Andelene kan ikke være over 100 %% på noen dag: juster andelene "
                    "eller periodene."
                )
                % {"total": overflow.total, "day": format_day(overflow.day)}
            )
    if messages:
        errors["funding"] = messages


def raise_if(errors: dict[str, Any]) -> None:
    if errors:
        raise ValidationError(errors)
