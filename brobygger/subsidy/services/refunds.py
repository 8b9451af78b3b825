"""Refund periods: whole calendar months, at most three, inside the agreement, claimed after
the period is over. The computed months are stored as they were (RefundLine)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.core.audit import audit_create
from brobygger.core.formatting import format_day
from brobygger.core.months import month_end, months_between
from brobygger.subsidy.calc import monthly_refund, wage_costs
from brobygger.subsidy.models import Agreement, RefundLine, RefundPeriod
from brobygger.subsidy.rates import month_rates
from brobygger.subsidy.services.common import format_month, rates_for
from brobygger.subsidy.transitions import REFUNDABLE

MAX_PERIOD_MONTHS = 3


def _check_shape(start: dt.date, end: dt.date) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if end < start:
        errors["period_end"] = _("Sluttdatoen kan ikke være før startdatoen.")
        return errors
    if start.day != 1:
        errors["period_start"] = _("Perioden må starte den 1. i en måned (hele måneder).")
    if end != month_end(end):
        errors["period_end"] = _("Perioden må slutte på siste dag i en måned (hele måneder).")
    count = months_between(start, end)
    if count > MAX_PERIOD_MONTHS:
        errors["period_end"] = _(
            "En refusjonsperiode kan være høyst %(max)s måneder. Du valgte %(count)s."
        ) % {"max": MAX_PERIOD_MONTHS, "count": count}
    return errors


def _check_against(agreement: Agreement, start: dt.date, end: dt.date, today: dt.date) -> str:
    last_day = agreement.end_date
    if agreement.ended_on is not None:
        last_day = min(last_day, agreement.ended_on - dt.timedelta(days=1))
    if start < agreement.start_date or end > last_day:
        return _("Perioden må ligge innenfor avtalen (%(start)s–%(end)s).") % {
            "start": format_day(agreement.start_date),
            "end": format_day(last_day),
        }
    if end >= today:
        return _("Refusjon kan først kreves når perioden er over (etter %(end)s).") % {
            "end": format_day(end)
        }
    return ""


@transaction.atomic
def refund_period_create(
    *, by: Any, agreement: Agreement, period_start: dt.date, period_end: dt.date
) -> RefundPeriod:
    """Compute and record the refund for whole months `period_start`..`period_end`.

    Each month: round(wage costs × that month's subsidy percent), see calc.py; the month's
    percent comes from the rate row in force on its first day (rates.py)."""
    locked = (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("nav_office")
        .get(pk=agreement.pk)
    )
    if locked.status not in REFUNDABLE:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Refusjon kan bare kreves når avtalen er aktiv eller avsluttet. "
                    "Avtalen er «%(status)s»."
                )
                % {"status": locked.get_status_display()}
            },
            code="status",
        )
    errors = _check_shape(period_start, period_end)
    if not errors:
        problem = _check_against(locked, period_start, period_end, timezone.localdate())
        if problem:
            errors[NON_FIELD_ERRORS] = problem
    plan = []
    if not errors:
        plan = [
            row
            for row in month_rates(
                rates_for(locked.subsidy_type, locked.reduced_capacity),
                start=locked.start_date,
                months=locked.months,
            )
            if period_start <= row.month <= period_end
        ]
        claimed = sorted(
            RefundLine.objects.filter(
                agreement=locked, month__in=[row.month for row in plan]
            ).values_list("month", flat=True)
        )
        missing = [row.month for row in plan if row.rate is None]
        if claimed:
            errors[NON_FIELD_ERRORS] = _("Refusjon for %(month)s er allerede krevd.") % {
                "month": format_month(claimed[0])
            }
        elif missing:
            errors[NON_FIELD_ERRORS] = _("Satstabellen mangler sats for %(month)s.") % {
                "month": format_month(missing[0])
            }
    if errors:
        raise ValidationError(errors)

    costs = wage_costs(
        wage_ore=locked.monthly_wage_ore,
        holiday_pay_rate=locked.holiday_pay_rate,
        pension_rate=locked.pension_rate,
        employer_tax_rate=locked.employer_tax_rate,
    )
    lines = []
    for row in plan:
        assert row.rate is not None  # checked above
        lines.append(
            RefundLine(
                agreement=locked,
                month=row.month,
                rate=row.rate,
                percent=row.rate.percent,
                cost_ore=costs.total,
                amount_ore=monthly_refund(costs, row.rate.percent),
            )
        )
    period = RefundPeriod(
        agreement=locked,
        period_start=period_start,
        period_end=period_end,
        amount_ore=sum(line.amount_ore for line in lines),
        created_by=by,
    )
    period.full_clean(exclude=["created_by"])
    period.save()
    office = locked.nav_office
    audit_create(by=by, obj=period, organisation=office)
    for line in lines:
        line.period = period
        line.full_clean(exclude=["period", "agreement", "rate"], validate_unique=False)
        line.save()
        audit_create(by=by, obj=line, organisation=office)
    return period
