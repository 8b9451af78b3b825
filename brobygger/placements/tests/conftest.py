import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def today():
    """Thursday 15 October 2026, in the placement's seventh week."""
    with time_machine.travel(dt.datetime(2026, 10, 15, 12, tzinfo=OSLO), tick=False):
        yield dt.date(2026, 10, 15)
