"""Every id an element points at with aria-describedby, aria-labelledby or aria-controls
exists on the page, on every page each persona may open (the route walk of
core/tests/formwalk.py) and on the answer to each of its POST forms sent empty (the error
state). A dangling reference gives a screen-reader user no description at all."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from django.db import transaction
from django.test import Client

from brobygger.core.tests import logscan
from brobygger.core.tests.formwalk import drained, forms_on, personas_for, send, usable_routes
from brobygger.core.tests.routes import load_scoping, one_route

REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls")


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, id)

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in REFERENCES:
            for ref in attrs.get(name, "").split():
                self.refs.append((tag, name, ref))


def dangling_references(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return [f"<{tag} {name}={ref!r}>" for tag, name, ref in parser.refs if ref not in parser.ids]


def _html(response: Any) -> str:
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return ""
    if getattr(response, "streaming", False):
        return ""
    return response.content.decode(errors="replace")  # type: ignore[no-any-return]


def _client(personas: Any, label: str) -> Client:
    client = Client(raise_request_exception=False)
    if label != "anonymous":
        client.force_login(getattr(personas, label))
    return client


def test_the_reference_check_finds_a_missing_id():
    page = '<p id="a">x</p><input aria-describedby="a b"><div aria-labelledby="c"></div>'
    assert dangling_references(page) == [
        "<input aria-describedby='b'>",
        "<div aria-labelledby='c'>",
    ]


def test_no_page_or_error_state_points_aria_at_a_missing_id(personas, time_machine):
    scoping = load_scoping()
    missing: dict[str, str] = {}
    pages = error_states = 0
    with logscan.paused():
        for route in usable_routes(scoping):
            with one_route(route, personas, scoping, time_machine) as objects:
                try:
                    url = objects.url(route)
                except Exception:  # noqa: S112 - the authorisation matrix reports broken builders
                    continue
                for label in personas_for(route):
                    client = _client(personas, label)
                    html = _html(drained(client.get(url)))
                    if not html:
                        continue
                    pages += 1
                    for ref in dangling_references(html):
                        missing.setdefault(f"GET {url} as {label}: {ref}", ref)
                    for form in forms_on(client, url):
                        if form.method != "post":
                            continue
                        with transaction.atomic():
                            answer = _html(send(_client(personas, label), form, {}))
                            transaction.set_rollback(True)
                        if not answer:
                            continue
                        error_states += 1
                        for ref in dangling_references(answer):
                            missing.setdefault(
                                f"POST {form.action} (from {url}) as {label}: {ref}", ref
                            )
    assert pages > 50, "the walk found suspiciously few pages"
    assert error_states > 10, "the walk sent suspiciously few forms"
    assert sorted(missing) == [], "\n".join(sorted(missing))
