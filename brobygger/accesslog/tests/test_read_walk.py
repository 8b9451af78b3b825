"""Every response that shows a participant's name to staff leaves a read-log entry: GETs of every
route, and every POST form (found on the pages by core/tests/formwalk.py) sent with input it
must refuse. A failed POST re-renders the record, so it is a read; a POST that redirects is not.

The rule, per response (status 200 or 400) seen by a staff persona:
- each participant whose name is on it has exactly one entry for that response;
- nobody else has one.
Lists where a person appears by name and enrolment status only are the exception (ADR 0009):
they are named in LISTS with the reason, and write nothing. So is a name offered as a choice
in a drop-down (<option>), e.g. the participant picker on a wage-subsidy agreement."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from django.test import Client
from django.urls import resolve

from brobygger.accesslog.models import AccessEvent
from brobygger.accounts.models import Role
from brobygger.core.tests import logscan, summary
from brobygger.core.tests.formwalk import Form, drained, forms_on, send, usable_routes
from brobygger.core.tests.routes import (
    OWN,
    declared_roles,
    load_scoping,
    one_route,
    project_routes,
)
from brobygger.enrolments.models import Participant

# Lists: a name and an enrolment status (or a count) per row, nothing about the person beyond
# that. Appearing in a list is not a look at one person (ADR 0009).
LISTS = {
    "cohort_applications": "søknader til kullet med status",
    "caseworker_candidates": "NAV-veilederens kandidater med status",
}

OPTION = re.compile(r"<option\b[^>]*>.*?</option>", re.S)

STAFF = [role for role in OWN if role != Role.PARTICIPANT]

# Input every form must refuse: a date, number or choice field gets a word, a text field
# stays empty (most are required), and hidden fields keep their value.
BAD = "ikke-en-verdi"


def refused_input(form: Form) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        if field.kind == "hidden":
            data[name] = field.value
        elif field.kind in ("text", "textarea", "search", "email", "tel", "url", "password"):
            data[name] = ""
        elif field.kind in ("file", "checkbox", "button", "submit"):
            continue
        else:
            data[name] = BAD
    return data


def _names() -> dict[str, int]:
    return {
        f"{first} {last}": pk
        for pk, first, last in Participant.objects.values_list("pk", "first_name", "last_name")
        if first and last
    }


def _html(response: Any) -> str:
    if getattr(response, "streaming", False) or "html" not in response.get("Content-Type", ""):
        return ""
    return response.content.decode(errors="replace")  # type: ignore[no-any-return]


def _check(
    where: str, response: Any, before: int, user: Any, problems: list[str], *, exempt: bool
) -> bool:
    """Compare the names on the response with the entries it wrote. True if it showed anyone."""
    written = list(AccessEvent.objects.filter(denied=False, id__gt=before).order_by("id"))
    if response.status_code not in (200, 400):
        return False
    # A name offered as a choice in a drop-down is a list, not a look at the person.
    html = OPTION.sub("", _html(response))
    shown = {pk for name, pk in _names().items() if name in html}
    logged = [event.participant_id for event in written]
    if exempt:
        if logged:
            problems.append(f"{where}: a list wrote {len(logged)} entries")
        return bool(shown)
    if sorted(logged) != sorted(set(logged)):
        problems.append(f"{where}: more than one entry for one participant")
    if shown - set(logged):
        problems.append(f"{where}: shows {len(shown - set(logged))} participant(s), no entry")
    for event in written:
        if event.actor_id != user.pk or not event.shown or not event.request_id:
            problems.append(f"{where}: incomplete entry")
    return bool(shown)


def test_every_response_that_shows_a_participant_writes_one_entry_per_participant(
    personas, time_machine
):
    scoping = load_scoping()
    problems: list[str] = []
    reads = posts = 0
    with logscan.paused():
        for route in usable_routes(scoping):
            roles = declared_roles(route)
            if not roles:
                continue
            exempt = route.qualname in LISTS or route.name in LISTS
            with one_route(route, personas, scoping, time_machine) as objects:
                try:
                    url = objects.url(route)
                except Exception:  # noqa: S112 - the authorisation matrix reports these
                    continue
                for role in [r for r in STAFF if str(r) in roles]:
                    user = getattr(personas, OWN[role])
                    client = Client(raise_request_exception=False)
                    client.force_login(user)
                    before = AccessEvent.objects.order_by("-id").values_list("id", flat=True)
                    start = before.first() or 0
                    response = drained(client.get(url))
                    if _check(
                        f"GET {route.qualname} as {role}",
                        response,
                        start,
                        user,
                        problems,
                        exempt=exempt,
                    ):
                        reads += 1
                    if response.status_code != 200:
                        continue
                    for form in forms_on(client, url):
                        if form.method != "post":
                            continue
                        # An htmx form is also sent as a browser without script sends it:
                        # then the view answers with the whole page.
                        for variant in [form, replace(form, htmx=False)] if form.htmx else [form]:
                            start = before.first() or 0
                            sent = send(client, variant, refused_input(variant))
                            how = "htmx " if variant.htmx else ""
                            if _check(
                                f"{how}POST {form.action} (from {route.qualname}) as {role}",
                                sent,
                                start,
                                user,
                                problems,
                                exempt=resolve(form.action).view_name in LISTS,
                            ):
                                posts += 1
    summary.add(
        f"Read log: {reads} staff reads and {posts} refused POSTs showed a participant; "
        f"without an entry: {len(problems)}"
    )
    assert reads > 20 and posts > 5, "the walk reached suspiciously few pages"
    assert problems == [], "\n".join(problems)


def test_the_lists_named_above_are_routes():
    names = {r.qualname for r in project_routes()} | {r.name for r in project_routes()}
    assert set(LISTS) - names == set()
