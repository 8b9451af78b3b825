"""Reads for the directory, the public "find your contact" page and the inbox. Fixed query
counts whatever the number of rows."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest

from brobygger.accounts.models import Membership, Role
from brobygger.contacts.models import ContactMessage, CountyCoordinator
from brobygger.core.access import org_ids_for
from brobygger.organisations.models import County, Municipality, Organisation

# Æ, Ø, Å come after Z in Norwegian; other accents (Sami names) sort as their base letter.
_NORWEGIAN_TAIL = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def norwegian_sort_key(text: str) -> str:
    lowered = text.casefold().translate(_NORWEGIAN_TAIL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def coordinator_counties_of(user_or_request: Any) -> set[str]:
    """Counties (numbers) in which the user holds the county coordinator role: where the
    organisation they hold it at lies. One query, cached per request like the memberships."""
    cached = getattr(user_or_request, "_brobygger_coordinator_counties", None)
    if isinstance(cached, set):
        return cached
    org_ids = org_ids_for(user_or_request, Role.COUNTY_COORDINATOR)
    counties = (
        set(
            Organisation.objects.filter(pk__in=org_ids).values_list(
                "municipality__county_id", flat=True
            )
        )
        if org_ids
        else set()
    )
    if isinstance(user_or_request, HttpRequest):
        user_or_request._brobygger_coordinator_counties = counties  # type: ignore[attr-defined]
    return counties


def municipality_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """All municipalities grouped by county, for a <select> with <optgroup>s. One query."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    # Plain tuples: building 714 model instances per request was most of the page's time.
    rows = Municipality.objects.order_by("county__number").values_list(
        "number", "name", "county__name"
    )
    for number, name, county in rows:
        grouped.setdefault(county, []).append((number, name))
    return [
        (county, sorted(items, key=lambda item: norwegian_sort_key(item[1])))
        for county, items in grouped.items()
    ]


@dataclass(frozen=True)
class ContactAnswer:
    municipality: Municipality
    county: County
    coordinators: list[CountyCoordinator]


def contact_for_municipality(number: str) -> ContactAnswer | None:
    """The active coordinators of the municipality's county (two queries), or None for an
    unknown municipality number."""
    municipality = Municipality.objects.select_related("county").filter(number=number).first()
    if municipality is None:
        return None
    coordinators = list(
        CountyCoordinator.objects.filter(county_id=municipality.county_id, is_active=True).order_by(
            "name"
        )
    )
    return ContactAnswer(
        municipality=municipality, county=municipality.county, coordinators=coordinators
    )


def directory_by_county() -> list[County]:
    """Every county with all its entries (active first) in `.entries`. Two queries."""
    entries = CountyCoordinator.objects.select_related("user").order_by("-is_active", "name")
    return list(
        County.objects.order_by("number").prefetch_related(
            Prefetch("coordinators", queryset=entries, to_attr="entries")
        )
    )


def counties_covered(counties: list[County]) -> int:
    """How many of `directory_by_county()`'s counties have an active entry (no query)."""
    return sum(1 for county in counties if any(e.is_active for e in getattr(county, "entries", [])))


def coordinator_user_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Users holding the county coordinator role, grouped by organisation (and its county),
    for the directory form. One query."""
    rows = (
        Membership.objects.active()
        .filter(role=Role.COUNTY_COORDINATOR, user__is_active=True)
        .select_related("user", "organisation__municipality__county")
        .order_by("organisation__name", "user__last_name", "user__first_name")
    )
    grouped: dict[str, list[tuple[int, str]]] = {}
    for membership in rows:
        org = membership.organisation
        label = f"{org.name} ({org.municipality.county.name})"
        user = membership.user
        grouped.setdefault(label, []).append((user.pk, f"{user} ({user.username})"))
    return list(grouped.items())


INBOX_FILTERS = ("open", "handled", "all")


def inbox_messages(user_or_request: Any, *, status: str = "open") -> QuerySet[ContactMessage]:
    """Messages for the counties where the user is county coordinator; open ones first."""
    counties = coordinator_counties_of(user_or_request)
    messages = ContactMessage.objects.filter(county_id__in=counties).select_related(
        "municipality", "county", "handled_by"
    )
    if status == "open":
        messages = messages.filter(handled_at__isnull=True)
    elif status == "handled":
        messages = messages.filter(handled_at__isnull=False)
    return messages.order_by("-received_at", "-pk")


def inbox_counts(user_or_request: Any) -> dict[str, int]:
    """How many open and handled messages the user's counties have. One query."""
    counts = ContactMessage.objects.filter(
        county_id__in=coordinator_counties_of(user_or_request)
    ).aggregate(
        open=Count("pk", filter=Q(handled_at__isnull=True)),
        handled=Count("pk", filter=Q(handled_at__isnull=False)),
    )
    return {"open": counts["open"], "handled": counts["handled"], "all": sum(counts.values())}
