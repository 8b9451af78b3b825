"""What an API client may do: `<resource>:read` or `<resource>:write`, per resource.

Only reads exist in this first slice; a write scope may be granted already so a client need not
be made again when writes come (ADR 0019).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

RESOURCES: dict[str, Promise] = {
    "organisations": _("Organisasjon"),
    "cohorts": _("Kull"),
    "participants": _("Deltakere"),
    "enrolments": _("Deltakelser og statushistorikk"),
}
ACTIONS: dict[str, Promise] = {"read": _("lese"), "write": _("skrive")}

ALL_SCOPES: tuple[str, ...] = tuple(f"{res}:{act}" for res in RESOURCES for act in ACTIONS)


def scope_label(scope: str) -> str:
    resource, _sep, action = scope.partition(":")
    if resource not in RESOURCES or action not in ACTIONS:
        return scope
    return f"{RESOURCES[resource]} ({ACTIONS[action]})"


def scope_choices() -> list[tuple[str, str]]:
    return [(scope, scope_label(scope)) for scope in ALL_SCOPES]
