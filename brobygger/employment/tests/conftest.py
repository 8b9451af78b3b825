import pytest

from brobygger.employment.tests.factories import FROZEN


@pytest.fixture(autouse=True)
def _frozen_time(time_machine):
    """1 June 2026: the personas' cohort (starting 17 August 2026) is being prepared; tests that
    need a later day move the clock themselves."""
    time_machine.move_to(FROZEN, tick=False)
