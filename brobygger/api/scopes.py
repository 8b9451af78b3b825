"""What an API client may do: `<resource>:read` or `<resource>:write`, per resource.

Writes exist for participants (contact data), enrolments (status changes) and attendance; the
other write scopes of the first four resources may be granted already so a client need not be
made again when writes come. Resources that are only ever read have no write scope (ADR 0019).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

RESOURCES: dict[str, Promise] = {
    "organisations": _("Organisasjon"),
    "programmes": _("Program og versjoner"),
    "cohorts": _("Kull og undervisningsøkter"),
    "participants": _("Deltakere"),
    "enrolments": _("Deltakelser og statushistorikk"),
    "attendance": _("Oppmøte"),
    "placements": _("Praksisplasser og timelister"),
    "assessments": _("Vurderinger av skriftlig oppgave"),
    "completions": _("Fullføringer"),
    "employments": _("Ansettelser og finansiering"),
    "followups": _("Oppfølgingssvar"),
    "outcomes": _("Resultattall"),
}
ACTIONS: dict[str, Promise] = {"read": _("lese"), "write": _("skrive")}
# Resources with no write scope: nothing a client could write there.
READ_ONLY = frozenset(
    {"programmes", "placements", "assessments", "completions", "employments", "followups"}
    | {"outcomes"}
)

ALL_SCOPES: tuple[str, ...] = tuple(
    f"{res}:{act}" for res in RESOURCES for act in ACTIONS if act == "read" or res not in READ_ONLY
)


def scope_label(scope: str) -> str:
    resource, _sep, action = scope.partition(":")
    if resource not in RESOURCES or action not in ACTIONS:
        return scope
    return f"{RESOURCES[resource]} ({ACTIONS[action]})"


def scope_choices() -> list[tuple[str, str]]:
    return [(scope, scope_label(scope)) for scope in ALL_SCOPES]
