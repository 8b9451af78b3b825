"""Every route, walked: a permitted user's GET of a page (or file) that shows one participant
writes exactly one read-log entry; the attendance grid one per participant on it; list pages
and everything else write none. (Refused POSTs: test_read_walk.py.)

How many entries each object route writes is declared: below for the qualification
programme's apps, and in `ACCESS_LOG = {"route name": 0 or 1}` in an app's
tests/scoping.py for the others (next to its OBJECTS)."""

from __future__ import annotations

import importlib
from contextlib import contextmanager

from django.apps import apps
from django.test import Client
from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.accounts.models import Role
from brobygger.core.tests.routes import (
    OWN,
    declared_roles,
    has_builder,
    is_object_route,
    load_scoping,
    one_route,
    project_routes,
)

# A page about several people with more than a name and a status on it (ADR 0009,
# amendment 1): one entry for each participant shown, at least one.
PER_PARTICIPANT = "per participant"

# The qualification programme's object routes (their apps' scoping.py hold the objects).
PROGRAMME_ROUTES: dict[str, int | str] = {
    # cohorts, programmes and sessions: no single participant
    # progress and warnings (absence, practice, assignment) per person: one per person shown
    "cohort_overview": PER_PARTICIPANT,
    "cohort_edit": 0,
    "cohort_sessions": 0,
    "session_create": 0,
    "session_series_create": 0,
    "cohort_applications": 0,  # a list
    "application_create": 0,
    "version_create": 0,
    "version_edit": 0,
    "session_edit": 0,
    "session_cancel": 0,  # POST only
    "session_attendance": PER_PARTICIPANT,  # hours and absence: one per person on the grid
    "cohort_attendance": PER_PARTICIPANT,  # the term's matrix: one per person on it
    # one participant
    "enrolment_detail": 1,  # one entry for the whole page, panels included
    "placement_create": 1,
    "enrolment_submission_create": 1,
    "placement_detail": 1,
    "evaluation_edit": 1,
    "timesheet_review": 1,
    "submission_download": 1,
    "submission_assess": 1,
    "timesheet_edit": 0,  # only the participant themself: one's own data is not logged
    # POST only
    "completion_confirm": 0,
    "completion_approve": 0,
    "enrolment_transition": 0,
    "waitlist_move": 0,
    "participation_period_create": 0,
    "placement_percent_create": 0,
}

# Staff first, so a page shared with the participant is tried as seen by someone else.
ORDER = [role for role in OWN if role != Role.PARTICIPANT] + [Role.PARTICIPANT]


def declared_counts() -> dict[str, int | str]:
    counts = dict(PROGRAMME_ROUTES)
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tests.scoping")
        except ModuleNotFoundError:
            continue
        counts.update(getattr(module, "ACCESS_LOG", {}))
    return counts


def _shown(count_before: int) -> list[AccessEvent]:
    return list(AccessEvent.objects.filter(denied=False).order_by("id")[count_before:])


@contextmanager
def _route(route, personas, scoping, time_machine):  # type: ignore[no-untyped-def]
    """one_route, forgetting objects a builder memoised on personas (rolled back after)."""
    keys = set(vars(personas))
    try:
        with one_route(route, personas, scoping, time_machine) as objects:
            yield objects
    finally:
        for key in set(vars(personas)) - keys:
            delattr(personas, key)


def _get(client: Client, url: str):  # type: ignore[no-untyped-def]
    response = client.get(url)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response


def test_every_object_route_declares_how_many_entries_a_view_writes():
    counts = declared_counts()
    missing = [
        f"{r.qualname} ({r.module})"
        for r in project_routes()
        if is_object_route(r) and r.qualname not in counts and r.name not in counts
    ]
    assert missing == [], (
        "add ACCESS_LOG = {'<route>': 1 or 0} to the app's tests/scoping.py: 1 when a GET "
        "shows one participant's data (and the view calls accesslog.services.record_access)"
    )


def test_a_permitted_get_of_an_object_route_writes_exactly_the_declared_entries(
    personas, time_machine
):
    scoping = load_scoping()
    counts = declared_counts()
    wrong, unreached = [], []
    for route in project_routes():
        if not is_object_route(route) or not has_builder(route, scoping):
            continue
        expected = counts.get(route.qualname, counts.get(route.name))
        if expected is None:
            continue  # reported by the test above
        roles = declared_roles(route) or frozenset()
        with _route(route, personas, scoping, time_machine) as objects:
            url = objects.url(route)
            for role in [r for r in ORDER if str(r) in roles]:
                user = getattr(personas, OWN[role])
                client = Client(raise_request_exception=False)
                client.force_login(user)
                before = AccessEvent.objects.filter(denied=False).count()
                response = _get(client, url)
                written = _shown(before)
                if response.status_code != 200:
                    if written:
                        wrong.append(f"{route.qualname} as {role}: {response.status_code}")
                    continue
                if expected == PER_PARTICIPANT:
                    people = [event.participant_id for event in written]
                    if not people or len(people) != len(set(people)):
                        wrong.append(f"{route.qualname} as {role}: {people} (one per person)")
                elif len(written) != expected:
                    wrong.append(f"{route.qualname} as {role}: {len(written)} != {expected}")
                for event in written:
                    assert event.actor == user
                    assert event.shown and event.request_id and event.path == url
                    assert event.actor_role == role and event.actor_organisation_id
                break
            else:
                if expected:
                    unreached.append(route.qualname)
    assert wrong == []
    assert unreached == [], "no persona could open these pages"


def test_pages_without_an_object_write_no_entries(personas, time_machine):
    """Lists (cohort overview aside, which has an id) and one's own pages: nothing logged."""
    scoping = load_scoping()
    written = []
    for route in project_routes():
        if route.params or (declared_roles(route) is None):
            continue
        roles = declared_roles(route) or frozenset()
        with _route(route, personas, scoping, time_machine):
            for role in [r for r in ORDER if str(r) in roles]:
                client = Client(raise_request_exception=False)
                client.force_login(getattr(personas, OWN[role]))
                before = AccessEvent.objects.count()
                _get(client, reverse(route.qualname))
                if AccessEvent.objects.count() != before:
                    written.append(f"{route.qualname} as {role}")
    assert written == []


def test_the_participant_opening_their_own_pages_writes_nothing(client, personas, time_machine):
    from brobygger.placements.tests.factories import START, make_placement

    time_machine.move_to("2026-10-15 12:00", tick=False)
    placement = make_placement(personas)
    client.force_login(personas.participant_user)
    for url in [
        reverse("placement_detail", args=[placement.pk]),
        reverse("timesheet_edit", args=[placement.pk, START.isoformat()]),
        reverse("my_progress"),
        reverse("my_timesheets"),
        reverse("my_assignment"),
        reverse("my_access_log"),
    ]:
        assert client.get(url).status_code == 200, url
    assert AccessEvent.objects.count() == 0


def test_the_caseworker_opening_the_participant_page_writes_one_entry_as_nav(client, personas):
    client.force_login(personas.caseworker)
    assert client.get(reverse("enrolment_detail", args=[personas.enrolment.pk])).status_code == 200
    event = AccessEvent.objects.get()
    assert event.participant == personas.enrolment.participant
    assert event.actor_role == Role.CASEWORKER
    assert event.actor_organisation == personas.nav
    assert "kontaktopplysninger" not in event.shown  # the caseworker is not shown them
    assert event.purpose == "Oppfølging av kandidat henvist fra NAV"
