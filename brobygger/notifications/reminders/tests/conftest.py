import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def at():
    """`with at(day, hour=12):` freezes the clock at that time in Europe/Oslo."""

    def travel(day: dt.date, hour: int = 12):
        return time_machine.travel(
            dt.datetime(day.year, day.month, day.day, hour, tzinfo=OSLO), tick=False
        )

    return travel
