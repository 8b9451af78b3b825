import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from brobygger.subsidy.models import SubsidyRate
from brobygger.subsidy.seed import seed_rates

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture(autouse=True)
def _seeded_rates(db):
    """The rows migration 0002 loads (a flush by a browser test elsewhere removes them)."""
    seed_rates(SubsidyRate)


@pytest.fixture
def travel(time_machine):
    """travel(date): freeze the clock at noon, Oslo time, on that day."""

    def move(day: dt.date) -> dt.date:
        time_machine.move_to(dt.datetime(day.year, day.month, day.day, 12, tzinfo=OSLO), tick=False)
        return day

    return move


@pytest.fixture
def today(travel):
    """Tuesday 15 December 2026: every month of a 2026 agreement but December is over."""
    return travel(dt.date(2026, 12, 15))
