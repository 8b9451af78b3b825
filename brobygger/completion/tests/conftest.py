import pytest

from brobygger.completion.tests.factories import TODAY


@pytest.fixture(autouse=True)
def _today(time_machine):
    """Every completion test runs on the same day, late in the personas' cohort year."""
    time_machine.move_to(TODAY, tick=False)
