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
from collections.abc import Callable
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
    Field,
    Table,
    choice,
    register_anonymiser,
    register_export_section,
    table,
)
from brobygger.privacy.retention.base import clear_fields
from brobygger.subsidy.models import Agreement, AgreementStatusChange, RefundPeriod
from brobygger.subsidy.templatetags.subsidy_format import format_kroner, pct

PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {"subsidy.agreementstatuschange": ("note",)}
ORDER = 95  # after employment (80); privacy/tests/test_registry.py puts a section at 90


def _money(key: str, label: Any, ore: Callable[[Any], int] | None = None) -> list[Field]:
    """Øre in the JSON (the unit the app stores), kroner on the readable page."""
    of = ore or (lambda row: getattr(row, f"{key}_ore"))
    return [
        Field(f"{key}_ore", label, CODE, of),
        Field(key, label, TEXT, lambda row: format_kroner(of(row))),
    ]


def _rate(key: str, label: Any) -> list[Field]:
    """The exact Decimal in the JSON, "10,2 %" on the page (up to three decimals)."""
    return [
        Field(key, label, CODE),
        Field(f"{key}_label", label, TEXT, lambda a: pct(getattr(a, key))),
    ]


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
    agreements = list(
        Agreement.objects.filter(participant=participant)
        .select_related("employer", "nav_office")
        .order_by("start_date", "pk")
    )
    history = AgreementStatusChange.objects.filter(agreement__participant=participant).order_by(
        "agreement_id", "valid_from", "pk"
    )
    agreement_nr = Field("agreement_id", _("Avtale nr."), NUMBER)
    status = choice("status", _("Statuskode"), _("Status"))
    return [
        table(
            "subsidy_agreements",
            _("Avtaler om lønnstilskudd"),
            agreements,
            [
                Field("id", _("Nr."), NUMBER),
                Field("employer", _("Arbeidsgiver"), source="employer.name"),
                Field("nav_office", _("NAV-kontor"), source="nav_office.name"),
                Field("employment_id", _("Arbeidsforhold nr."), NUMBER),
                *choice("subsidy_type", _("Typekode"), _("Type tilskudd")),
                Field("reduced_capacity", _("Nedsatt arbeidsevne"), BOOL),
                Field("start_date", _("Fra"), DATE),
                Field("end_date", _("Til"), DATE),
                Field("months", _("Varighet (måneder)"), NUMBER),
                *_money("monthly_wage", _("Månedslønn")),
                *_rate("holiday_pay_rate", _("Feriepengesats")),
                *_rate("pension_rate", _("OTP-sats")),
                *_rate("employer_tax_rate", _("Arbeidsgiveravgift")),
                *status,
                Field("approved_on", _("Godkjent"), DATE),
                Field("ended_on", _("Avsluttet fra"), DATE),
                Field(
                    "months_refunded",
                    _("Måneder refundert"),
                    NUMBER,
                    lambda a: refunded[a.pk][0],
                ),
                *_money("refunded", _("Refundert i alt"), lambda a: refunded[a.pk][1]),
            ],
        ),
        table(
            "subsidy_history",
            _("Statushistorikk for avtalene"),
            history,
            [
                agreement_nr,
                *status,
                Field("valid_from", _("Fra"), DATE),
                Field("valid_to", _("Til"), DATE),
                Field("note", _("Merknad")),
            ],
        ),
        table(
            "subsidy_refunds",
            _("Refusjonsperioder"),
            periods,
            [
                agreement_nr,
                Field("period_start", _("Fra og med"), DATE),
                Field("period_end", _("Til og med"), DATE),
                Field("months", _("Måneder"), NUMBER, "month_count"),
                *_money("amount", _("Refusjon")),
            ],
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
