"""refund_period_create: whole months, at most three, inside the agreement, to the øre.

Hand calculation for the agreement in factories.py (32 123,45 kr, 10,2 % / 2 % / 14,1 %):
wage costs per month C = 4 119 927 øre (see test_calc.py);
40 % of C = 1 647 970,8 -> 1 647 971; 30 % = 1 235 978,1 -> 1 235 978;
45 % = 1 853 967,15 -> 1 853 967.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from brobygger.core.models import AuditEvent
from brobygger.subsidy.models import RefundLine, RefundPeriod
from brobygger.subsidy.selectors import agreement_detail
from brobygger.subsidy.services import agreement_transition, rate_add, refund_period_create
from brobygger.subsidy.tests.factories import make_active, make_agreement

D = dt.date


def claim(personas, agreement, start, end):
    return refund_period_create(
        by=personas.caseworker, agreement=agreement, period_start=start, period_end=end
    )


def refused(personas, agreement, start, end):
    with pytest.raises(ValidationError) as info:
        claim(personas, agreement, start, end)
    assert RefundPeriod.objects.count() == 0
    assert RefundLine.objects.count() == 0
    return info.value.message_dict


def test_the_first_quarter_matches_the_hand_calculation_to_the_ore(personas, today):
    agreement = make_active(personas)
    period = claim(personas, agreement, D(2026, 1, 1), D(2026, 3, 31))
    # 3 × 1 647 971 = 4 943 913 øre = 49 439,13 kr
    assert period.amount_ore == 4_943_913
    lines = list(period.lines.order_by("month"))
    assert [line.month for line in lines] == [D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)]
    assert {line.percent for line in lines} == {Decimal("40")}
    assert {line.cost_ore for line in lines} == {4_119_927}
    assert {line.amount_ore for line in lines} == {1_647_971}
    assert AuditEvent.objects.filter(object_type="subsidy.refundline").count() == 3
    assert AuditEvent.objects.filter(object_type="subsidy.refundperiod").count() == 1


def test_a_quarter_across_the_phase_change_mixes_the_rates(personas, today):
    agreement = make_active(personas)
    period = claim(personas, agreement, D(2026, 5, 1), D(2026, 7, 31))
    # May 40 %, June 40 %, July 30 %: 2 × 1 647 971 + 1 235 978 = 4 531 920
    assert period.amount_ore == 4_531_920
    assert [line.percent for line in period.lines.order_by("month")] == [40, 40, 30]


def test_a_single_month_is_a_valid_period(personas, today):
    period = claim(
        personas, make_active(personas), D(2026, 12, 1) - dt.timedelta(days=30), D(2026, 11, 30)
    )
    assert period.amount_ore == 1_235_978


def test_more_than_three_months_is_refused(personas, today):
    errors = refused(personas, make_active(personas), D(2026, 1, 1), D(2026, 4, 30))
    assert errors["period_end"] == ["En refusjonsperiode kan være høyst 3 måneder. Du valgte 4."]


def test_end_before_start_is_refused(personas, today):
    errors = refused(personas, make_active(personas), D(2026, 3, 1), D(2026, 1, 31))
    assert errors["period_end"] == ["Sluttdatoen kan ikke være før startdatoen."]


def test_partial_months_are_refused(personas, today):
    errors = refused(personas, make_active(personas), D(2026, 1, 15), D(2026, 2, 14))
    assert errors["period_start"] == ["Perioden må starte den 1. i en måned (hele måneder)."]
    assert errors["period_end"] == ["Perioden må slutte på siste dag i en måned (hele måneder)."]


def test_a_period_outside_the_agreement_is_refused(personas, travel):
    travel(D(2027, 6, 1))
    agreement = make_active(personas)
    errors = refused(personas, agreement, D(2026, 11, 1), D(2027, 1, 31))
    assert errors["__all__"] == ["Perioden må ligge innenfor avtalen (01.01.2026–31.12.2026)."]
    errors = refused(personas, agreement, D(2025, 12, 1), D(2026, 1, 31))
    assert errors["__all__"] == ["Perioden må ligge innenfor avtalen (01.01.2026–31.12.2026)."]


def test_a_period_that_is_not_over_is_refused(personas, today):
    errors = refused(personas, make_active(personas), D(2026, 12, 1), D(2026, 12, 31))
    assert errors["__all__"] == [
        "Refusjon kan først kreves når perioden er over (etter 31.12.2026)."
    ]


def test_a_month_cannot_be_claimed_twice(personas, today):
    agreement = make_active(personas)
    claim(personas, agreement, D(2026, 1, 1), D(2026, 3, 31))
    with pytest.raises(ValidationError) as info:
        claim(personas, agreement, D(2026, 3, 1), D(2026, 4, 30))
    assert info.value.messages == ["Refusjon for 03.2026 er allerede krevd."]
    assert RefundPeriod.objects.count() == 1


def test_a_draft_gets_no_refund(personas, today):
    errors = refused(personas, make_agreement(personas), D(2026, 1, 1), D(2026, 1, 31))
    assert errors["__all__"] == [
        "Refusjon kan bare kreves når avtalen er aktiv eller avsluttet. Avtalen er «Utkast»."
    ]


def test_an_ended_agreement_gets_refunds_only_before_it_ended(personas, travel):
    travel(D(2026, 1, 1))
    agreement = make_active(personas)
    travel(D(2026, 5, 10))
    agreement = agreement_transition(
        by=personas.caseworker, agreement=agreement, to="ended", on=D(2026, 5, 1)
    )
    travel(D(2026, 12, 15))
    errors = refused(personas, agreement, D(2026, 4, 1), D(2026, 6, 30))
    assert errors["__all__"] == ["Perioden må ligge innenfor avtalen (01.01.2026–30.04.2026)."]
    # April, the last month before it ended, at 40 %.
    assert claim(personas, agreement, D(2026, 4, 1), D(2026, 4, 30)).amount_ore == 1_647_971


def test_a_rate_changed_later_leaves_earlier_periods_as_they_were(personas, travel):
    # 15 March 2026: the agreement is active and January–February have been claimed at 40 %.
    travel(D(2026, 3, 15))
    agreement = make_active(personas)
    first = claim(personas, agreement, D(2026, 1, 1), D(2026, 2, 28))
    assert first.amount_ore == 2 * 1_647_971
    # The administrator raises the first-phase rate to 45 % from 1 May 2026.
    rate_add(
        by=personas.admin,
        subsidy_type="temporary",
        reduced_capacity=False,
        phase="first",
        percent=Decimal("45"),
        phase_months=6,
        max_months=12,
        valid_from=D(2026, 5, 1),
    )
    # 15 July: claim April–June. April keeps 40 %, May and June get 45 %:
    # 1 647 971 + 2 × 1 853 967 = 5 355 905
    travel(D(2026, 7, 15))
    second = claim(personas, agreement, D(2026, 4, 1), D(2026, 6, 30))
    assert [line.percent for line in second.lines.order_by("month")] == [40, 45, 45]
    assert second.amount_ore == 5_355_905
    # The earlier period is untouched, and the month table shows the change only from May.
    first.refresh_from_db()
    assert first.amount_ore == 3_295_942
    assert [line.percent for line in first.lines.all()] == [40, 40]
    agreement.refresh_from_db()
    percents = [row.percent for row in agreement_detail(agreement).months]
    assert percents == [Decimal(p) for p in [40, 40, 40, 40, 45, 45, 30, 30, 30, 30, 30, 30]]
