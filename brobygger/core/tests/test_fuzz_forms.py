"""Fuzz every form the app shows (found by core/tests/formwalk.py on every route, as each persona
allowed there, so new forms are covered without being listed): hostile and malformed input never
gives a server error, and script payloads a user stores come out escaped on every page, for every
role.

Bounded: about BROBYGGER_FUZZ_BUDGET submissions in all (default 1200), spread over the forms;
hypothesis runs derandomised (the same inputs every run) with no deadline.
"""

from __future__ import annotations

import os
import traceback
from typing import Any

from django.db import transaction
from django.test import Client
from hypothesis import given
from hypothesis import settings as hypothesis_settings

from brobygger.core.tests import logscan, summary
from brobygger.core.tests.formwalk import (
    Form,
    drained,
    form_key,
    forms_on,
    personas_for,
    send,
    usable_routes,
)
from brobygger.core.tests.fuzzing import ATTRIBUTE_BREAKOUT, SCRIPT, filled_with, form_data
from brobygger.core.tests.routes import CALLERS, DEFAULT_NOW, RouteObjects, load_scoping, one_route

BUDGET = int(os.environ.get("BROBYGGER_FUZZ_BUDGET", "1200"))
MIN_PER_FORM, MAX_PER_FORM = 4, 40
RAW = (SCRIPT, "<img src=x onerror=alert(1)>")
ESCAPED = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")


def _client(personas: Any, label: str) -> Client:
    client = Client(raise_request_exception=False)
    if label != "anonymous":
        client.force_login(getattr(personas, label))
    return client


def _walk_forms(personas, time_machine, scoping, visit) -> None:  # type: ignore[no-untyped-def]
    """Calls visit(client, label, form) once per distinct (persona, form), each route in its
    own rolled-back transaction with its object built."""
    seen: set[Any] = set()
    for route in usable_routes(scoping):
        with one_route(route, personas, scoping, time_machine) as objects:
            try:
                url = objects.url(route)
            except Exception:  # noqa: S112 - the authorisation matrix reports broken builders
                continue
            for label in personas_for(route):
                for form in forms_on(_client(personas, label), url):
                    if form_key(label, form) not in seen:
                        seen.add(form_key(label, form))
                        # A fresh login per form: a fuzzed form may sign the persona out.
                        visit(_client(personas, label), label, form)


def test_no_form_answers_hostile_input_with_a_server_error(personas, time_machine):
    scoping = load_scoping()
    counted: list[Form] = []
    with logscan.paused():
        _walk_forms(personas, time_machine, scoping, lambda c, label, form: counted.append(form))
    assert len(counted) >= 20, "the form discovery found suspiciously few forms"
    per_form = max(MIN_PER_FORM, min(MAX_PER_FORM, BUDGET // len(counted)))
    errors: dict[str, dict[str, Any]] = {}  # the first input for each distinct failure
    tried = 0

    def fuzz_form(client: Client, label: str, form: Form) -> None:
        @hypothesis_settings(
            hypothesis_settings.get_profile("brobygger-fuzz"),
            max_examples=per_form if form.fields else 1,
        )
        @given(data=form_data(form))
        def fuzz(data: dict[str, Any]) -> None:
            nonlocal tried
            tried += 1
            response = send(client, form, data)
            if response.status_code >= 500:
                where = f"{form.method.upper()} {form.action} as {label}"
                errors.setdefault(f"{where}: {_cause(response)}", data)

        fuzz()

    # Random names and GET-form queries are neither personas nor URLs anyone would use.
    with logscan.paused():
        _walk_forms(personas, time_machine, scoping, fuzz_form)

    summary.add(
        f"Fuzz: {len(counted)} forms (form × role) tried with {tried} hostile inputs "
        f"(up to {per_form} each); server errors: {len(errors)}"
    )
    assert not errors, "server errors:\n" + "\n".join(
        f"{failure}\n    input: { {k: repr(v)[:60] for k, v in data.items()} }"
        for failure, data in errors.items()
    )


def test_stored_script_payloads_render_escaped_on_every_page_for_every_role(personas, time_machine):
    """All objects at once (a payload stored through one page shows on others); a builder
    that trips over another app's objects is left out and counted."""
    scoping = load_scoping()
    time_machine.move_to(DEFAULT_NOW, tick=False)
    objects = RouteObjects(personas, scoping)
    urls, skipped = {}, []
    for route in usable_routes(scoping):
        try:
            with transaction.atomic():
                urls[route.qualname] = (objects.url(route), personas_for(route))
        except Exception:
            skipped.append(route.qualname)
    callers = ["anonymous", *(caller.label for caller in CALLERS[1:])]
    clients = {label: _client(personas, label) for label in callers}
    reflected, stored, shown_escaped, forms = [], [], 0, 0

    with logscan.paused():
        seen: set[Any] = set()
        for payload in (SCRIPT, ATTRIBUTE_BREAKOUT):
            for url, labels in urls.values():
                for label in labels:
                    for form in forms_on(clients[label], url):
                        if (payload, form_key(label, form)) in seen:
                            continue
                        seen.add((payload, form_key(label, form)))
                        forms += 1
                        response = send(_client(personas, label), form, filled_with(form, payload))
                        if _raw_payload_in(response):
                            reflected.append(f"{form.method.upper()} {form.action} as {label}")
        for label in callers:
            client = _client(personas, label)
            for url, _labels in urls.values():
                body = _html(drained(client.get(url)))
                if any(raw in body for raw in RAW):
                    stored.append(f"{url} as {label}")
                elif any(escaped in body for escaped in ESCAPED):
                    shown_escaped += 1

    summary.add(
        f"Script payloads: {forms} form submissions, then {len(urls)} pages × {len(callers)} "
        f"callers; payload shown escaped {shown_escaped} times, unescaped "
        f"{len(reflected) + len(stored)} times; routes left out (builder conflict): {len(skipped)}"
        + (f" ({', '.join(skipped)})" if skipped else "")
    )
    assert not reflected, "reflected unescaped:\n" + "\n".join(reflected)
    assert not stored, "stored and shown unescaped:\n" + "\n".join(stored)
    assert shown_escaped > 0, "no stored payload was shown anywhere: the test proved nothing"


def _cause(response) -> str:  # type: ignore[no-untyped-def]
    """The exception and the deepest line of project code it passed through."""
    exc = getattr(response, "exc_info", None)
    if not exc:
        return str(response.status_code)
    frames = [f for f in traceback.extract_tb(exc[2]) if "/brobygger/" in f.filename]
    at = f" at {frames[-1].filename.split('/brobygger/')[-1]}:{frames[-1].lineno}" if frames else ""
    return f"{exc[1]!r}{at}"


def _html(response) -> str:  # type: ignore[no-untyped-def]
    """The page's HTML; "" for files, exports and other non-HTML answers."""
    if "html" not in response.get("Content-Type", "") or getattr(response, "streaming", False):
        return ""
    return response.content.decode(errors="replace")  # type: ignore[no-any-return]


def _raw_payload_in(response) -> bool:  # type: ignore[no-untyped-def]
    return any(raw in _html(response) for raw in RAW)
