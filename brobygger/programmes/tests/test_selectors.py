import datetime as dt
from decimal import Decimal

from brobygger.core.formatting import format_hours
from brobygger.programmes.models import SessionStatus
from brobygger.programmes.selectors import scheduled_hours, scheduled_hours_by_cohort
from brobygger.testing import make_session


def test_scheduled_hours_skips_cancelled_and_stops_at_up_to(personas):
    cohort = personas.cohort
    make_session(cohort, date=dt.date(2026, 8, 18))  # 3 h
    make_session(cohort, date=dt.date(2026, 8, 20), start=dt.time(9), end=dt.time(13, 30))
    cancelled = make_session(cohort, date=dt.date(2026, 8, 19))
    cancelled.status = SessionStatus.CANCELLED
    cancelled.save()
    assert scheduled_hours(cohort) == Decimal("7.5")
    assert scheduled_hours(cohort, up_to=dt.date(2026, 8, 19)) == Decimal("3")
    assert scheduled_hours_by_cohort([cohort.pk, personas.other_cohort.pk]) == {
        cohort.pk: Decimal("7.5"),
        personas.other_cohort.pk: Decimal("0"),
    }


def test_format_hours_uses_a_decimal_comma():
    assert format_hours(Decimal("180.00")) == "180"
    assert format_hours(Decimal("4.50")) == "4,5"
