import pytest

from brobygger.outcomes.tests.factories import TODAY


@pytest.fixture(autouse=True)
def _today(time_machine):
    """Every outcome test runs on the same day, long after the personas' cohort ended."""
    time_machine.move_to(TODAY, tick=False)
