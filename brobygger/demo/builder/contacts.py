"""One county coordinator for work and mental health per county: the demo login for Vestland,
invented people (no login of their own) for the other fourteen, and a few messages."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from brobygger.accounts.models import Membership, Role
from brobygger.contacts.demo import build_demo_contacts
from brobygger.contacts.models import CountyCoordinator
from brobygger.demo.builder.context import Demo, _org, _user
from brobygger.organisations.models import County, Municipality, OrganisationKind

TITLE = "Fylkeskoordinator for arbeid og psykisk helse"


def build_contacts(demo: Demo) -> None:
    vestland = demo.orgs["county"].municipality.county  # type: ignore[union-attr]
    build_demo_contacts(coordinator=demo.user("fylkeskoordinator"), by=demo.user("admin"))
    unusable = make_password(None)
    first_municipality: dict[str, Municipality] = {}
    for municipality in Municipality.objects.order_by("number"):
        first_municipality.setdefault(municipality.county_id, municipality)
    for county in County.objects.exclude(pk=vestland.pk).order_by("number"):
        office = _org(
            f"NAV {county.name}", OrganisationKind.NAV_OFFICE, first_municipality[county.pk]
        )
        first, last = demo.names.take()
        user = _user(f"fylkeskoordinator-{county.number}", first, last, unusable)
        Membership.objects.create(user=user, organisation=office, role=Role.COUNTY_COORDINATOR)
        CountyCoordinator.objects.create(
            county=county,
            user=user,
            name=f"{first} {last}",
            title=TITLE,
            email=f"fylkeskoordinator.{county.number}@example.no",
            phone=f"55 00 {county.number} 00",
        )
