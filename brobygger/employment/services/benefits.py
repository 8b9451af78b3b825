"""Writes for the benefit combined with the wage, kept as dated periods (EmploymentBenefit):
add a period, end an open one. Periods of the same kind may not overlap; history is never
overwritten. Sensitive: reached only from the coordinators' and caseworkers' pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from brobygger.core.audit import audit_create, audit_record, diff, snapshot
from brobygger.core.formatting import format_day
from brobygger.employment.models import Benefit, Employment, EmploymentBenefit
from brobygger.employment.services._common import errors_of, raise_if


def _overlaps(a_from: dt.date, a_to: dt.date | None, b_from: dt.date, b_to: dt.date | None) -> bool:
    return (a_to is None or b_from <= a_to) and (b_to is None or a_from <= b_to)


def _check_period(
    employment: Employment, period: EmploymentBenefit, errors: dict[str, Any]
) -> None:
    if period.grade_percent is not None and not 0 <= period.grade_percent <= 100:
        errors["grade_percent"] = _("Graderingen må være et tall fra 0 til 100 (prosent).")
    if period.kind == Benefit.OTHER and not period.other_text.strip():
        errors["other_text"] = _("Skriv hvilken ytelse det gjelder.")
    if period.kind != Benefit.OTHER:
        period.other_text = ""
    if period.valid_to is not None and period.valid_to < period.valid_from:
        errors["valid_to"] = _("«Til»-datoen kan ikke være før «fra»-datoen.")
        return
    if period.valid_from < employment.start_date or (
        employment.end_date is not None and period.valid_from > employment.end_date
    ):
        errors["valid_from"] = _("Datoen må ligge i arbeidsforholdet (fra %(start)s).") % {
            "start": format_day(employment.start_date)
        }
        return
    same_kind = EmploymentBenefit.objects.filter(employment=employment, kind=period.kind)
    for other in same_kind.exclude(pk=period.pk).order_by("valid_from"):
        if _overlaps(period.valid_from, period.valid_to, other.valid_from, other.valid_to):
            errors["valid_from"] = _(
                "Perioden overlapper med en annen periode med %(kind)s (%(start)s–%(end)s). "
                "Avslutt den første perioden før den nye begynner, eller velg andre datoer."
            ) % {
                "kind": other.get_kind_display(),
                "start": format_day(other.valid_from),
                "end": format_day(other.valid_to) if other.valid_to else _("løpende"),
            }
            return


@transaction.atomic
def employment_benefit_add(
    *,
    by: Any,
    employment: Employment,
    kind: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    grade_percent: int | None = None,
    other_text: str = "",
) -> EmploymentBenefit:
    """A benefit period from `valid_from` (inside the job); refused if it overlaps another
    period of the same kind."""
    Employment.objects.select_for_update().filter(pk=employment.pk).first()
    period = EmploymentBenefit(
        employment=employment,
        kind=kind,
        grade_percent=grade_percent,
        valid_from=valid_from,
        valid_to=valid_to,
        other_text=other_text,
        created_by=by if getattr(by, "pk", None) else None,
    )
    errors: dict[str, Any] = {}
    _check_period(employment, period, errors)
    try:
        period.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = {**errors_of(exc), **errors}
    raise_if(errors)
    period.save()
    audit_create(by=by, obj=period, organisation=employment.employer)
    return period


@transaction.atomic
def employment_benefit_end(
    *, by: Any, employment: Employment, period_id: int, valid_to: dt.date
) -> EmploymentBenefit:
    """End an open benefit period on `valid_to` (the last day it applies)."""
    Employment.objects.select_for_update().filter(pk=employment.pk).first()
    period = (
        EmploymentBenefit.objects.select_for_update()
        .filter(employment=employment, pk=period_id)
        .first()
    )
    if period is None:
        raise ValidationError({"period": _("Fant ikke ytelsesperioden.")})
    if period.valid_to is not None:
        raise ValidationError({"period": _("Perioden er allerede avsluttet.")})
    before = snapshot(period, ("valid_to",))
    period.valid_to = valid_to
    errors: dict[str, Any] = {}
    if valid_to < period.valid_from:
        errors["valid_to"] = _("Perioden kan ikke slutte før den begynte (%(start)s).") % {
            "start": format_day(period.valid_from)
        }
    raise_if(errors)
    period.save(update_fields=["valid_to"])
    audit_record(
        by=by,
        action="update",
        obj=period,
        changes=diff(before, snapshot(period, ("valid_to",))),
        organisation=employment.employer,
    )
    return period
