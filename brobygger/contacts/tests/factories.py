"""Test helpers for contacts (synthetic people only)."""

from __future__ import annotations

from typing import Any

from brobygger.accounts.models import Role
from brobygger.contacts import services
from brobygger.contacts.models import ContactMessage, CountyCoordinator
from brobygger.organisations.models import County, Municipality, OrganisationKind
from brobygger.testing import make_org, make_user

BERGEN = "4601"  # Vestland (46)
STAVANGER = "1103"  # Rogaland (11)


def coordinator_user_in(municipality: str, **kwargs: Any) -> Any:
    """A user holding the county coordinator role at a NAV office in the municipality."""
    org = make_org(
        f"NAV fylke {municipality}", kind=OrganisationKind.NAV_OFFICE, kommune=municipality
    )
    return make_user(role=Role.COUNTY_COORDINATOR, org=org, **kwargs)


def make_entry(
    *, by: Any, user: Any = None, municipality: str = BERGEN, **fields: Any
) -> CountyCoordinator:
    user = user or coordinator_user_in(municipality)
    county = Municipality.objects.get(number=municipality).county
    values = {
        "name": f"Koordinator {user.pk}",
        "email": f"koordinator{user.pk}@nav.example.no",
        "title": "Fylkeskoordinator",
        "phone": "55 00 00 00",
        **fields,
    }
    return services.county_coordinator_create(by=by, county=county, user=user, **values)


def one_entry_per_county(*, by: Any) -> list[CountyCoordinator]:
    entries = []
    for county in County.objects.order_by("number"):
        first = county.municipalities.order_by("number")[0]
        entries.append(make_entry(by=by, municipality=first.number))
    return entries


def make_message(municipality: str = BERGEN, **fields: Any) -> ContactMessage:
    values = {
        "sender_name": "Lise Leder",
        "sender_organisation": "Eksempel kommune",
        "sender_email": "lise@example.no",
        "body": "Vi vil gjerne ansette en medarbeider med brukererfaring.",
        **fields,
    }
    place = Municipality.objects.get(number=municipality)
    # Straight to the table: tests of the inbox should not depend on an active directory entry.
    return ContactMessage.objects.create(county_id=place.county_id, municipality=place, **values)
