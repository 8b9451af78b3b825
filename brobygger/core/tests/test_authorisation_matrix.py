"""The authorisation matrix: every project URL × GET/POST × anonymous and every role, in Bergen
(the objects' own organisation) and outside it (Stavanger, NAV Rogaland; Dag for Dina's records).

Expected, from what each view declares (`@roles`) and the objects in `<app>/tests/scoping.py`:
- anonymous: sent to the login page (or another 4xx);
- a role the view does not declare: refused (4xx);
- a declared role, someone else's object (another organisation, or another participant's): refused
  (404, or 403 where seen-but-read-only);
- anything else is allowed, but never a server error.
An "unexpected success" is a 2xx/3xx (other than to login) where a refusal was expected.
"""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse

from brobygger.core.tests import summary
from brobygger.core.tests.routes import (
    CALLERS,
    Caller,
    declared_roles,
    has_builder,
    has_extra_args,
    is_object_route,
    load_scoping,
    one_route,
    project_routes,
)
from brobygger.core.urlwalk import Route

METHODS = ("get", "post")
# Answers that do not prove the view found the object (405 comes before the lookup).
NOT_REACHED = {"403", "404", "405", "500"}


def expectation(route: Route, caller: Caller, other_org_allowed: set[str]) -> str:
    roles = declared_roles(route)
    if roles is None:
        return "allow"  # a public page
    if caller.role is None:
        return "login"
    if caller.role not in roles:
        return "refuse"
    if not caller.own and is_object_route(route) and caller.role not in other_org_allowed:
        return "refuse"
    return "allow"


def test_every_route_with_arguments_has_real_ones_in_its_apps_scoping_file():
    """An id needs an OBJECTS builder; other arguments (a slug, a week) need EXTRA_ARGS or a
    builder returning the kwargs. Sample values would only ever meet a 404."""
    scoping = load_scoping()
    missing = [
        f"{r.qualname} ({r.module}): {r.pattern}"
        for r in project_routes()
        if r.params
        and not has_builder(r, scoping)
        and (is_object_route(r) or not has_extra_args(r, scoping))
    ]
    assert not missing, "add to brobygger/<app>/tests/scoping.py:\n" + "\n".join(missing)


def test_every_scoping_entry_names_a_route_and_none_is_built_twice():
    scoping = load_scoping()
    names = {r.qualname for r in project_routes()} | {r.name for r in project_routes()}
    assert sorted(set(scoping.objects) - names) == []
    assert sorted(set(scoping.extra_args) - names) == []
    assert scoping.problems == []


def test_every_persona_of_the_matrix_exists_and_holds_its_role(personas):
    for caller in CALLERS[1:]:
        user = getattr(personas, caller.label)
        assert user.memberships.filter(role=caller.role).exists(), caller


# An answer >= 500 a view gives on purpose: the readiness check says 503 while no job worker
# beats, and none runs beside the test (core/tests/test_readyz.py proves its 200).
DELIBERATE_ERRORS: dict[str, tuple[int, ...]] = {"readyz": (503,)}


def _call(client: Client, method: str, url: str):  # type: ignore[no-untyped-def]
    response = getattr(client, method)(url)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)  # let the file close
    return response


def _is_success(response, login_path: str) -> bool:  # type: ignore[no-untyped-def]
    if response.status_code >= 400:
        return False
    if response.status_code in (301, 302, 303, 307, 308):
        return not response["Location"].startswith(login_path)
    return True


def test_the_matrix_has_no_unexpected_success_and_no_server_error(personas, time_machine):
    scoping = load_scoping()
    routes = [r for r in project_routes() if not is_object_route(r) or has_builder(r, scoping)]
    login_path = reverse(settings.LOGIN_URL)
    unexpected, server_errors, broken_builders, cacheable, unusable = [], [], [], [], []
    tried = 0

    for route in routes:
        with one_route(route, personas, scoping, time_machine) as objects:
            try:
                url = objects.url(route)
            except Exception as error:  # reported below, and the other routes still run
                broken_builders.append(f"{route.qualname}: {error!r}")
                continue
            clients = {}
            for caller in CALLERS:
                clients[caller.label] = Client(raise_request_exception=False)
                if caller.role is not None:
                    clients[caller.label].force_login(getattr(personas, caller.label))
            allowed = scoping.other_org_allowed.get(route.name, set())
            plan = [(caller, expectation(route, caller, allowed)) for caller in CALLERS]
            # Refusals first: the allowed POSTs that follow may change or remove the object.
            plan.sort(key=lambda step: step[1] == "allow")
            seen_by_permitted: set[str] = set()
            for caller, expected in plan:
                for method in METHODS:
                    tried += 1
                    response = _call(clients[caller.label], method, url)
                    if expected == "allow" and caller.role is not None:
                        seen_by_permitted.add(f"{method.upper()} {response.status_code}")
                    where = f"{method.upper()} {route.qualname} as {caller.label}"
                    deliberate = DELIBERATE_ERRORS.get(route.name, ())
                    if response.status_code >= 500 and response.status_code not in deliberate:
                        exc = getattr(response, "exc_info", None)
                        server_errors.append(f"{where}: {exc[1]!r}" if exc else where)
                    elif expected != "allow" and _is_success(response, login_path):
                        unexpected.append(f"{where}: {response.status_code} (expected {expected})")
                    if "no-store" not in response.get("Cache-Control", ""):
                        cacheable.append(where)
            if seen_by_permitted and not any(
                status.split()[1] not in NOT_REACHED for status in seen_by_permitted
            ):
                # No permitted caller got past the object lookup: a missing or stale object
                # would make every refusal above hollow.
                unusable.append(f"{route.qualname} {url}: {sorted(seen_by_permitted)}")

    summary.add(
        f"Authorisation matrix: {len(routes)} routes × {len(CALLERS)} callers (anonymous + "
        f"{len(CALLERS) - 1} personas) × {len(METHODS)} methods = {tried} requests; "
        f"unexpected successes: {len(unexpected)}; server errors: {len(server_errors)}; "
        f"routes whose object could not be built: {len(broken_builders)}; routes no permitted "
        f"caller could use: {len(unusable)}"
    )
    problems = {
        "unexpected successes": unexpected,
        "server errors": server_errors,
        "objects that could not be built": broken_builders,
        "responses without no-store": cacheable,
        "routes no permitted caller could use (check the builder)": unusable,
    }
    assert not any(problems.values()), "\n".join(
        f"{title}:\n  " + "\n  ".join(rows) for title, rows in problems.items() if rows
    )
