"""Dates, hours and shares for people, in each language (core.formatting: one place for all)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from brobygger.core.formatting import format_day, format_day_month, format_hours, whole_percent

DAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("language", "day", "day_month", "hours"),
    [("nb", "03.12.2026", "03.12.", "7,5"), ("nn", "03.12.2026", "03.12.", "7,5"),
     ("en", "03/12/2026", "03/12", "7.5")],
)  # fmt: skip
def test_days_and_hours_in_each_language(language, day, day_month, hours):
    with translation.override(language):
        assert format_day(DAY) == day
        assert format_day_month(DAY) == day_month
        assert (
            Template("{% load dates %}{{ d|day_month }}").render(Context({"d": DAY})) == day_month
        )
        assert format_hours(Decimal("7.50")) == hours
        assert format_hours(Decimal("16.875"), places=3) == (
            "16.875" if language == "en" else "16,875"
        )


def test_a_share_is_whole_percent_rounded_down():
    assert whole_percent(Decimal("0.796")) == 79  # never reads as meeting an 80 % rule
    assert whole_percent(Decimal("0.8")) == 80
    assert whole_percent(1) == 100
    assert whole_percent(Decimal("0")) == 0
