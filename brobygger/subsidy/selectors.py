"""Reads for agreements and the rates table, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.db.models import Prefetch, QuerySet

from brobygger.subsidy.calc import WageCosts, monthly_refund, wage_costs
from brobygger.subsidy.models import (
    Agreement,
    AgreementStatus,
    AgreementStatusChange,
    Phase,
    RefundLine,
    RefundPeriod,
    SubsidyRate,
    SubsidyType,
)
from brobygger.subsidy.rates import month_rates

# Permanent wage subsidy is reviewed every six months (DOMAIN.md).
REVIEW_EVERY = 6


def agreement_list(agreements: QuerySet[Agreement]) -> list[Agreement]:
    """One query, however many agreements."""
    return list(
        agreements.select_related("participant", "employer", "nav_office").order_by(
            "-start_date", "participant__last_name", "participant__first_name", "id"
        )
    )


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    index: int
    phase: str  # Phase value, "" when there is no rate
    percent: Decimal | None
    rate_from: dt.date | None  # valid_from of the rate row used
    refund_ore: int | None  # what a claim for this month gives (None: no rate)
    claimed: bool
    review_due: bool  # permanent: a review is due after this month
    ended: bool  # on or after the month the agreement ended


@dataclass(frozen=True)
class AgreementDetail:
    agreement: Agreement
    costs: WageCosts
    months: list[MonthRow]
    history: list[AgreementStatusChange]
    refund_periods: list[RefundPeriod]

    @property
    def refunded_ore(self) -> int:
        return sum(period.amount_ore for period in self.refund_periods)


def agreement_detail(agreement: Agreement) -> AgreementDetail:
    """Three queries: the rate rows, the history, the refund periods with their lines."""
    rates = list(
        SubsidyRate.objects.filter(
            subsidy_type=agreement.subsidy_type, reduced_capacity=agreement.reduced_capacity
        )
    )
    history = list(
        AgreementStatusChange.objects.filter(agreement=agreement)
        .select_related("created_by")
        .order_by("valid_from", "id")
    )
    periods = list(
        RefundPeriod.objects.filter(agreement=agreement)
        .select_related("created_by")
        .prefetch_related(Prefetch("lines", queryset=RefundLine.objects.order_by("month")))
        .order_by("period_start")
    )
    claimed = {line.month for period in periods for line in period.lines.all()}
    costs = wage_costs(
        wage_ore=agreement.monthly_wage_ore,
        holiday_pay_rate=agreement.holiday_pay_rate,
        pension_rate=agreement.pension_rate,
        employer_tax_rate=agreement.employer_tax_rate,
    )
    permanent = agreement.subsidy_type == SubsidyType.PERMANENT
    ended_on = agreement.ended_on if agreement.status == AgreementStatus.ENDED else None
    months = [
        MonthRow(
            month=row.month,
            index=row.index,
            phase=row.rate.phase if row.rate else "",
            percent=row.percent,
            rate_from=row.rate.valid_from if row.rate else None,
            refund_ore=monthly_refund(costs, row.rate.percent) if row.rate else None,
            claimed=row.month in claimed,
            review_due=permanent and row.index % REVIEW_EVERY == 0,
            ended=ended_on is not None and row.month >= ended_on,
        )
        for row in month_rates(rates, start=agreement.start_date, months=agreement.months)
    ]
    return AgreementDetail(
        agreement=agreement, costs=costs, months=months, history=history, refund_periods=periods
    )


@dataclass(frozen=True)
class RateRow:
    rate: SubsidyRate
    in_force: bool  # the row that applies today for its type, capacity and phase
    planned: bool  # valid_from after today: may still be withdrawn


@dataclass(frozen=True)
class RateGroup:
    subsidy_type: str
    label: str
    reduced_capacity: bool
    rows: list[RateRow]


def rate_table(*, today: dt.date) -> list[RateGroup]:
    """Every rate row, grouped by type and capacity, marking the row in force today per phase.
    One query."""
    labels = dict(SubsidyType.choices)
    order = {value: n for n, value in enumerate(SubsidyType.values)}
    phase_order = {value: n for n, value in enumerate(Phase.values)}
    rates = sorted(
        SubsidyRate.objects.select_related("created_by"),
        key=lambda r: (
            order.get(r.subsidy_type, 99),
            r.reduced_capacity,
            phase_order.get(r.phase, 9),
            r.valid_from,
        ),
    )
    in_force: dict[tuple[str, bool, str], int] = {}
    for rate in rates:  # ascending valid_from: the last one not after today wins
        if rate.valid_from <= today:
            in_force[(rate.subsidy_type, rate.reduced_capacity, rate.phase)] = rate.pk
    groups = []
    for (kind, reduced), rows in groupby(rates, key=lambda r: (r.subsidy_type, r.reduced_capacity)):
        groups.append(
            RateGroup(
                subsidy_type=kind,
                label=str(labels.get(kind, kind)),
                reduced_capacity=reduced,
                rows=[
                    RateRow(
                        rate=rate,
                        in_force=in_force.get((kind, reduced, rate.phase)) == rate.pk,
                        planned=rate.valid_from > today,
                    )
                    for rate in rows
                ],
            )
        )
    return groups


def rate_by_id(pk: int) -> SubsidyRate | None:
    return SubsidyRate.objects.filter(pk=pk).first()
