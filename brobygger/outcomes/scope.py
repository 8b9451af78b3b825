"""Who sees which figures: the scopes a user may choose between.

- A programme coordinator sees their own programmes in full (no suppression): the cohorts of
  `programmes.access.cohorts_managed_by`.
- A county coordinator sees the county of their organisation's municipality: participants
  living there, and participants with no registered home whose programme is run from there.
  Small counts are suppressed: a county coordinator has no work need for single people's data.
- An analyst sees the whole country, suppressed.
A user with several of these roles picks the scope (`?omfang=`); the first is the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from brobygger.accounts.models import Role
from brobygger.core.access import org_ids_for
from brobygger.organisations.models import County, Organisation
from brobygger.programmes.access import cohorts_managed_by

PROGRAMMES, COUNTY, NATIONAL = "program", "fylke", "nasjonalt"


@dataclass(frozen=True)
class Scope:
    key: str
    label: str
    # Filter on Enrolment rows.
    enrolments: Q
    suppressed: bool
    # The county a county coordinator is limited to (their filter choices shrink to it).
    counties: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "suppressed": self.suppressed}


def scopes_for(user_or_request: Any) -> list[Scope]:
    scopes: list[Scope] = []
    if org_ids_for(user_or_request, Role.COORDINATOR):
        scopes.append(
            Scope(
                PROGRAMMES,
                _("Dine program"),
                Q(cohort__in=cohorts_managed_by(user_or_request).values("pk")),
                suppressed=False,
            )
        )
    county_orgs = org_ids_for(user_or_request, Role.COUNTY_COORDINATOR)
    if county_orgs:
        counties = list(
            County.objects.filter(
                number__in=Organisation.objects.filter(pk__in=county_orgs).values(
                    "municipality__county"
                )
            ).order_by("number")
        )
        if counties:
            numbers = tuple(c.number for c in counties)
            scopes.append(
                Scope(
                    COUNTY,
                    ", ".join(c.name for c in counties),
                    Q(participant__municipality__county__in=numbers)
                    | Q(
                        participant__municipality__isnull=True,
                        cohort__version__programme__organisation__municipality__county__in=numbers,
                    ),
                    suppressed=True,
                    counties=numbers,
                )
            )
    if org_ids_for(user_or_request, Role.ANALYST):
        scopes.append(national_scope())
    return scopes


def national_scope() -> Scope:
    return Scope(NATIONAL, _("Hele landet"), Q(), suppressed=True)


def scope_for(user_or_request: Any, key: str | None = None) -> Scope:
    """The scope with this key, or the user's first; PermissionDenied when they have none."""
    scopes = scopes_for(user_or_request)
    if not scopes:
        raise PermissionDenied
    return next((s for s in scopes if s.key == key), scopes[0])
