"""The menu: which pages each role has. Apps register their entries here, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from brobygger.accounts.models import Role
from brobygger.core.access import user_roles


@dataclass(frozen=True)
class NavItem:
    label: Any  # lazy translation
    url_name: str
    roles: frozenset[str]
    description: Any = ""


NAV_ITEMS: list[NavItem] = [
    NavItem(
        _("Kull"),
        "cohort_list",
        frozenset({Role.COORDINATOR}),
        _("Kull, opptak, deltakere og framdrift."),
    ),
    NavItem(
        _("Program"),
        "programme_list",
        frozenset({Role.COORDINATOR}),
        _("Programversjoner og krav."),
    ),
    NavItem(
        _("Mine økter"),
        "my_sessions",
        frozenset({Role.TEACHER}),
        _("Undervisningsøkter og oppmøte."),
    ),
    NavItem(
        _("Mine praksisplasser"),
        "supervisor_placements",
        frozenset({Role.SUPERVISOR}),
        _("Praksisplasser og timelister som venter på deg."),
    ),
    NavItem(
        _("Mine kandidater"),
        "caseworker_candidates",
        frozenset({Role.CASEWORKER}),
        _("Kandidater du har henvist, og hvordan det går."),
    ),
    NavItem(
        _("Min framdrift"),
        "my_progress",
        frozenset({Role.PARTICIPANT}),
        _("Hva som gjenstår, timelister og skriftlig oppgave."),
    ),
    NavItem(
        _("Mine timelister"),
        "my_timesheets",
        frozenset({Role.PARTICIPANT}),
        _("Før timer for praksisukene."),
    ),
    NavItem(
        _("Skriftlig oppgave"),
        "my_assignment",
        frozenset({Role.PARTICIPANT}),
        _("Lever oppgaven og se vurderingen."),
    ),
    NavItem(
        _("Administrasjon"),
        "admin:index",
        frozenset({Role.ADMIN}),
        _("Brukere, roller, organisasjoner og revisjonslogg."),
    ),
]


def sections_for(request: HttpRequest) -> list[dict[str, str]]:
    held = user_roles(request)
    sections = []
    for item in NAV_ITEMS:
        if not held & item.roles:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:  # the app has not registered its page yet
            continue
        sections.append(
            {"label": str(item.label), "url": url, "description": str(item.description)}
        )
    return sections
