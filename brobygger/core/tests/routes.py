"""The project's routes with real objects behind them, for the authorisation matrix and the fuzz
test.

Every app that owns a route with arguments says what to call it with in
`brobygger/<app>/tests/scoping.py` (an id needs OBJECTS; a slug, date or word needs EXTRA_ARGS):

    OBJECTS = {"route name": lambda personas: <a Bergen-owned object, or a dict of kwargs>}
    EXTRA_ARGS = {"route name": {"week": "2026-09-07"}}   # optional; a dict or
                                                           # lambda personas, obj: {...}
    OTHER_ORG_ALLOWED = {"route name": {"employer"}}       # optional, rare: roles that may
                                                           # rightly see other organisations'
                                                           # object on that route (say why)
    NOW = datetime(2026, 6, 1, 12, tzinfo=...)             # optional: the moment the module's
                                                           # objects are built and used at

Each route is tried in its own transaction, rolled back after, so builders of different apps
may change the same personas (complete Dina's enrolment, say) without tripping each other.

New apps are picked up automatically; a route with arguments and nothing here fails the suite,
and so does one whose object no permitted caller can reach (a stale or wrong builder).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db import transaction
from django.urls import reverse

from brobygger.accounts.models import Role
from brobygger.core.urlwalk import Route, walk
from brobygger.testing import Personas

# Who plays each role: in the objects' own organisation, and outside it.
OWN = {
    Role.COORDINATOR: "coordinator",
    Role.TEACHER: "teacher",
    Role.SUPERVISOR: "supervisor",
    Role.CASEWORKER: "caseworker",
    Role.COUNTY_COORDINATOR: "county_coordinator",
    Role.EMPLOYER: "employer",
    Role.PARTICIPANT: "participant_user",
    Role.ANALYST: "analyst",
    Role.ADMIN: "admin",
}
OTHERS = {
    Role.COORDINATOR: ["other_coordinator"],
    Role.TEACHER: ["other_teacher"],
    Role.SUPERVISOR: ["other_supervisor"],
    Role.CASEWORKER: ["other_caseworker"],
    Role.COUNTY_COORDINATOR: ["other_county_coordinator"],
    Role.EMPLOYER: ["other_employer"],
    Role.PARTICIPANT: ["other_participant_user", "stavanger_participant_user"],
}


@dataclass(frozen=True)
class Caller:
    label: str  # persona attribute, or "anonymous"
    role: str | None
    own: bool


CALLERS = [
    Caller("anonymous", None, own=True),
    *(Caller(attr, str(role), own=True) for role, attr in OWN.items()),
    *(Caller(attr, str(role), own=False) for role, attrs in OTHERS.items() for attr in attrs),
]


# The moment the matrix and the fuzz test freeze time at while they build a route's object and
# call it, unless the app's scoping.py sets NOW (a datetime) for its own routes.
DEFAULT_NOW = dt.datetime(2026, 11, 25, 12, tzinfo=ZoneInfo("Europe/Oslo"))


@dataclass
class Scoping:
    objects: dict[str, Callable[[Personas], Any]] = field(default_factory=dict)
    extra_args: dict[str, Any] = field(default_factory=dict)
    other_org_allowed: dict[str, set[str]] = field(default_factory=dict)
    now: dict[str, dt.datetime] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)  # route name -> module that built it
    problems: list[str] = field(default_factory=list)

    def now_for(self, route: Route) -> dt.datetime:
        key = _key(route, self.now)
        return self.now[key] if key else DEFAULT_NOW


def load_scoping() -> Scoping:
    found = Scoping()
    for config in apps.get_app_configs():
        if not config.name.startswith("brobygger."):
            continue
        module_name = f"{config.name}.tests.scoping"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name in (module_name, f"{config.name}.tests"):
                continue
            raise
        for name, builder in getattr(module, "OBJECTS", {}).items():
            if name in found.owner:
                found.problems.append(f"{name}: built in {found.owner[name]} and {module_name}")
            found.owner[name] = module_name
            found.objects[name] = builder
            if getattr(module, "NOW", None) is not None:
                found.now[name] = module.NOW
        found.extra_args.update(getattr(module, "EXTRA_ARGS", {}))
        for name, allowed in getattr(module, "OTHER_ORG_ALLOWED", {}).items():
            found.other_org_allowed[name] = {str(r) for r in allowed}
    return found


def project_routes() -> list[Route]:
    return [r for r in walk() if r.module.startswith("brobygger.") and r.qualname]


def is_object_route(route: Route) -> bool:
    return any(conv == "int" for conv, _name in route.params)


def has_builder(route: Route, scoping: Scoping) -> bool:
    return _key(route, scoping.objects) is not None


def has_extra_args(route: Route, scoping: Scoping) -> bool:
    return _key(route, scoping.extra_args) is not None


def declared_roles(route: Route) -> frozenset[str] | None:
    """The roles a view declares; None for a public view."""
    if getattr(route.callback, "brobygger_public", False):
        return None
    return frozenset(getattr(route.callback, "brobygger_roles", ()))


def _key(route: Route, mapping: dict[str, Any]) -> str | None:
    for key in (route.qualname, route.name):
        if key in mapping:
            return key
    return None


class RouteObjects:
    """Builds routes' objects, each builder once (routes sharing a builder share its object)."""

    def __init__(self, personas: Personas, scoping: Scoping) -> None:
        self.personas = personas
        self.scoping = scoping
        self._built: dict[Any, Any] = {}

    def obj(self, route: Route) -> Any:
        key = _key(route, self.scoping.objects)
        if key is None:
            return None
        builder = self.scoping.objects[key]
        if builder not in self._built:
            self._built[builder] = builder(self.personas)
        return self._built[builder]

    def url(self, route: Route) -> str:
        """The route's URL for its Bergen object (its sample URL if it takes no object)."""
        if not route.params:
            return reverse(route.qualname)
        obj = self.obj(route)
        extra_key = _key(route, self.scoping.extra_args)
        extra = self.scoping.extra_args[extra_key] if extra_key else {}
        extra = extra(self.personas, obj) if callable(extra) else extra
        kwargs: dict[str, Any] = {}
        if isinstance(obj, dict):
            kwargs.update(obj)
        elif obj is not None:
            ids = [name for conv, name in route.params if conv == "int" and name not in extra]
            if len(ids) != 1:
                raise AssertionError(
                    f"{route.qualname}: several ids; let the builder return kwargs"
                )
            kwargs[ids[0]] = obj.pk
        kwargs.update(extra)
        if any(name not in kwargs for _conv, name in route.params):
            return route.url  # the sample URL (a route without ids and without EXTRA_ARGS)
        return reverse(route.qualname, kwargs=kwargs)


@contextmanager
def one_route(
    route: Route, personas: Personas, scoping: Scoping, time_machine: Any
) -> Iterator[RouteObjects]:
    """Time frozen at the route's NOW; the route's object built; everything the caller does
    is rolled back afterwards, so apps' builders never trip over each other's objects."""
    time_machine.move_to(scoping.now_for(route), tick=False)
    with transaction.atomic():
        yield RouteObjects(personas, scoping)
        transaction.set_rollback(True)
