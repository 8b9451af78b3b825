import pytest

from brobygger.calendarfeed.tests.factories import NOW


@pytest.fixture(autouse=True)
def _now(time_machine):
    """Every test of this app runs at the same moment, a month into the personas' cohort."""
    time_machine.move_to(NOW, tick=False)
