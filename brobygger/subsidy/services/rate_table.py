"""The rates table is append-only history: a change is a new row from a later date.

A row in force (valid_from on or before today) is never updated or removed, so every month
already computed keeps its rate. A row not yet in force may be withdrawn (deleted) to
correct a mistake: nothing has been computed with it. New rows start on the first day of a
month after today, and after every existing row for the same type, capacity and phase."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.core.audit import audit_create, audit_record, snapshot
from brobygger.core.formatting import format_day
from brobygger.subsidy.models import HUNDRED, SubsidyRate
from brobygger.subsidy.services.common import errors_from


@transaction.atomic
def rate_add(
    *,
    by: Any,
    subsidy_type: str,
    reduced_capacity: bool,
    phase: str,
    percent: Decimal,
    phase_months: int,
    max_months: int | None,
    valid_from: dt.date,
    note: str = "",
) -> SubsidyRate:
    errors: dict[str, Any] = {}
    today = timezone.localdate()
    if valid_from.day != 1:
        errors["valid_from"] = _("En sats gjelder fra den 1. i en måned.")
    elif valid_from <= today:
        errors["valid_from"] = _(
            "En ny sats må gjelde fra en dato etter i dag. Satser som er i kraft endres aldri, "
            "slik at måneder som er beregnet, beholder sin sats."
        )
    # Lock the key's rows so two administrators cannot add the same date at once.
    latest = (
        SubsidyRate.objects.select_for_update()
        .filter(subsidy_type=subsidy_type, reduced_capacity=reduced_capacity, phase=phase)
        .order_by("-valid_from")
        .first()
    )
    if "valid_from" not in errors and latest is not None and valid_from <= latest.valid_from:
        errors["valid_from"] = _(
            "Det finnes allerede en sats fra %(date)s. En endring må gjelde fra en senere dato."
        ) % {"date": format_day(latest.valid_from)}
    if percent is None or not Decimal(0) < percent <= HUNDRED:
        errors["percent"] = _("Prosenten må være over 0 og høyst 100.")
    if phase_months is None or phase_months < 1:
        errors["phase_months"] = _("Første periode må vare minst én måned.")
    if max_months is not None and max_months < 1:
        errors["max_months"] = _("Lengste varighet må være minst én måned, eller tom.")
    rate = SubsidyRate(
        subsidy_type=subsidy_type,
        reduced_capacity=reduced_capacity,
        phase=phase,
        percent=percent,
        phase_months=phase_months,
        max_months=max_months,
        valid_from=valid_from,
        note=note.strip(),
        created_by=by,
    )
    if not errors:
        try:
            rate.full_clean(exclude=["created_by"])
        except ValidationError as exc:
            errors = errors_from(exc)
    if errors:
        raise ValidationError(errors)
    rate.save()
    audit_create(by=by, obj=rate)
    return rate


@transaction.atomic
def rate_withdraw(*, by: Any, rate: SubsidyRate) -> None:
    """Remove a row that is not yet in force (a planned change entered by mistake)."""
    locked = SubsidyRate.objects.select_for_update().get(pk=rate.pk)
    if locked.valid_from <= timezone.localdate():
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Satsen er i kraft og kan ikke endres eller fjernes. Legg inn en ny sats "
                    "fra en senere dato i stedet."
                )
            },
            code="in_force",
        )
    audit_record(by=by, action="delete", obj=locked, changes={"deleted": snapshot(locked)})
    locked.delete()
