"""Every employment route with an id (scoping.OBJECTS): the Stavanger coordinator and Dag (the
other participant) learn nothing about Bergen's objects; mirrors core's object-scoping test."""

import re

import pytest
from django.urls import reverse

from brobygger.accounts.models import Role
from brobygger.core.urlwalk import walk
from brobygger.employment.tests import scoping

# «Gi tilgang» is employment's route, served by pages.people since ADR 0024 (it shows the
# employer organisation's invitations beside its users).
IN_PAGES = {"employer_user_add"}


def employment_object_routes():
    return {
        r.name
        for r in walk()
        if (r.module.startswith("brobygger.employment") or r.name in IN_PAGES)
        and re.search(r"/1/", r.url)
    }


def test_every_object_route_has_a_scoping_object():
    assert employment_object_routes() == set(scoping.OBJECTS)


def _allows(name, role):
    route = next(r for r in walk() if r.name == name)
    return str(role) in getattr(route.callback, "brobygger_roles", ())


@pytest.mark.parametrize("name", sorted(scoping.OBJECTS))
def test_outsiders_get_404_or_403(client, personas, name):
    obj = scoping.OBJECTS[name](personas)
    url = reverse(name, kwargs={"pk": obj.pk, **getattr(scoping, "EXTRA_ARGS", {}).get(name, {})})
    client.force_login(personas.other_coordinator)
    for method in ("get", "post"):
        status = getattr(client, method)(url).status_code
        allowed = {404, 405} if _allows(name, Role.COORDINATOR) else {403, 405}
        assert status in allowed, (method, status)
    client.force_login(personas.other_participant_user)
    for method in ("get", "post"):
        status = getattr(client, method)(url).status_code
        allowed = {404, 405} if _allows(name, Role.PARTICIPANT) else {403, 405}
        assert status in allowed, (method, status)
