"""The subsidy app's part of the privacy features (brobygger/privacy/registry.py).

An agreement is about one participant, but almost all of it is figures that must outlive the
person's name: the wage, the rates, type, months, statuses and dates are what the refunds were
computed from (NAV and the employer's accounts must be able to check a paid refund) and what
the outcome statistics count. `reduced_capacity` is sensitive but decides the rate, so it stays
too. The one free text about the person is the note a caseworker writes on a status change
(why an agreement was cancelled or ended often says something about the person's health or
life): that is personal, kept out of the audit trail and cleared on anonymisation.
`SubsidyRate.note` is about the rules table, not a person.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from brobygger.core.appendonly import register_personal_fields
from brobygger.privacy.registry import (
    BOOL,
    CODE,
    DATE,
    NUMBER,
    TEXT,
    AnonymisationTarget,
    AnonymiseResult,
    Column,
    Table,
    register_anonymiser,
    register_export_section,
)
from brobygger.privacy.retention.base import clear_fields
from brobygger.subsidy.models import Agreement, AgreementStatusChange, RefundPeriod
from brobygger.subsidy.templatetags.subsidy_format import format_kroner, pct

PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {"subsidy.agreementstatuschange": ("note",)}
ORDER = 95  # after employment (80); privacy/tests/test_registry.py puts a section at 90


def _money(key: str, label: Any) -> list[Column]:
    """Øre in the JSON (the unit the app stores), kroner on the readable page."""
    return [Column(f"{key}_ore", label, CODE), Column(key, label, TEXT)]


def _rate(key: str, label: Any) -> list[Column]:
    """The exact Decimal in the JSON, "10,2 %" on the page (up to three decimals)."""
    return [Column(key, label, CODE), Column(f"{key}_label", label, TEXT)]


def subsidy_section(participant: Any) -> list[Table]:
    """Three queries, whatever the number of rows."""
    periods = list(
        RefundPeriod.objects.filter(agreement__participant=participant)
        .annotate(month_count=Count("lines"))
        .order_by("agreement_id", "period_start")
    )
    refunded: dict[int, list[int]] = defaultdict(lambda: [0, 0])  # agreement: [months, øre]
    for period in periods:
        refunded[period.agreement_id][0] += period.month_count
        refunded[period.agreement_id][1] += period.amount_ore
    agreements = []
    for a in (
        Agreement.objects.filter(participant=participant)
        .select_related("employer", "nav_office")
        .order_by("start_date", "pk")
    ):
        months_refunded, refunded_ore = refunded[a.pk]
        agreements.append(
            {
                "id": a.pk,
                "employer": a.employer.name,
                "nav_office": a.nav_office.name,
                "employment_id": a.employment_id,
                "subsidy_type": a.subsidy_type,
                "subsidy_type_label": a.get_subsidy_type_display(),
                "reduced_capacity": a.reduced_capacity,
                "start_date": a.start_date,
                "end_date": a.end_date,
                "months": a.months,
                "monthly_wage_ore": a.monthly_wage_ore,
                "monthly_wage": format_kroner(a.monthly_wage_ore),
                "holiday_pay_rate": a.holiday_pay_rate,
                "holiday_pay_rate_label": pct(a.holiday_pay_rate),
                "pension_rate": a.pension_rate,
                "pension_rate_label": pct(a.pension_rate),
                "employer_tax_rate": a.employer_tax_rate,
                "employer_tax_rate_label": pct(a.employer_tax_rate),
                "status": a.status,
                "status_label": a.get_status_display(),
                "approved_on": a.approved_on,
                "ended_on": a.ended_on,
                "months_refunded": months_refunded,
                "refunded_ore": refunded_ore,
                "refunded": format_kroner(refunded_ore),
            }
        )
    history = [
        {
            "agreement_id": h.agreement_id,
            "status": h.status,
            "status_label": h.get_status_display(),
            "valid_from": h.valid_from,
            "valid_to": h.valid_to,
            "note": h.note,
        }
        for h in AgreementStatusChange.objects.filter(agreement__participant=participant).order_by(
            "agreement_id", "valid_from", "pk"
        )
    ]
    refund_rows = [
        {
            "agreement_id": p.agreement_id,
            "period_start": p.period_start,
            "period_end": p.period_end,
            "months": p.month_count,
            "amount_ore": p.amount_ore,
            "amount": format_kroner(p.amount_ore),
        }
        for p in periods
    ]
    return [
        Table(
            "subsidy_agreements",
            _("Avtaler om lønnstilskudd"),
            [
                Column("id", _("Nr."), NUMBER),
                Column("employer", _("Arbeidsgiver")),
                Column("nav_office", _("NAV-kontor")),
                Column("employment_id", _("Arbeidsforhold nr."), NUMBER),
                Column("subsidy_type", _("Typekode"), CODE),
                Column("subsidy_type_label", _("Type tilskudd")),
                Column("reduced_capacity", _("Nedsatt arbeidsevne"), BOOL),
                Column("start_date", _("Fra"), DATE),
                Column("end_date", _("Til"), DATE),
                Column("months", _("Varighet (måneder)"), NUMBER),
                *_money("monthly_wage", _("Månedslønn")),
                *_rate("holiday_pay_rate", _("Feriepengesats")),
                *_rate("pension_rate", _("OTP-sats")),
                *_rate("employer_tax_rate", _("Arbeidsgiveravgift")),
                Column("status", _("Statuskode"), CODE),
                Column("status_label", _("Status")),
                Column("approved_on", _("Godkjent"), DATE),
                Column("ended_on", _("Avsluttet fra"), DATE),
                Column("months_refunded", _("Måneder refundert"), NUMBER),
                *_money("refunded", _("Refundert i alt")),
            ],
            agreements,
        ),
        Table(
            "subsidy_history",
            _("Statushistorikk for avtalene"),
            [
                Column("agreement_id", _("Avtale nr."), NUMBER),
                Column("status", _("Statuskode"), CODE),
                Column("status_label", _("Status")),
                Column("valid_from", _("Fra"), DATE),
                Column("valid_to", _("Til"), DATE),
                Column("note", _("Merknad")),
            ],
            history,
        ),
        Table(
            "subsidy_refunds",
            _("Refusjonsperioder"),
            [
                Column("agreement_id", _("Avtale nr."), NUMBER),
                Column("period_start", _("Fra og med"), DATE),
                Column("period_end", _("Til og med"), DATE),
                Column("months", _("Måneder"), NUMBER),
                *_money("amount", _("Refusjon")),
            ],
            refund_rows,
        ),
    ]


def subsidy_anonymise(target: AnonymisationTarget) -> AnonymiseResult:
    """Audited under the agreement's NAV office, as the subsidy services do."""
    return clear_fields(
        AgreementStatusChange.objects.filter(
            agreement__participant=target.participant
        ).select_related("agreement__nav_office"),
        {"note": ""},
        by=target.by,
        organisation_of=lambda row: row.agreement.nav_office,
    )


def register() -> None:
    for label, fields in PERSONAL_FIELDS.items():
        register_personal_fields(label, *fields)
    register_export_section("subsidy", _("Lønnstilskudd"), subsidy_section, order=ORDER)
    register_anonymiser("subsidy", subsidy_anonymise, order=ORDER)
