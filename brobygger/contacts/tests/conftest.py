"""The rate limit lives in the cache, which is a database table (settings.CACHES): each test's
transaction rollback gives the next test a full allowance."""

import pytest

from brobygger.contacts.tests.factories import make_entry


@pytest.fixture
def vestland_entry(personas):
    """The personas' county coordinator (NAV Vestland) listed for Vestland."""
    return make_entry(
        by=personas.admin,
        user=personas.county_coordinator,
        name="Frida Fylke",
        email="frida.fylke@nav.example.no",
    )
