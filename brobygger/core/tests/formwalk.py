"""Find every form the app shows, generically: GET each route as each persona allowed to use it,
parse its <form>s with html.parser, and keep the ones that post to a project route. New forms
from any app are covered without listing them anywhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import Resolver404, resolve

from brobygger.core.tests.routes import (
    OWN,
    Scoping,
    declared_roles,
    has_builder,
    is_object_route,
    project_routes,
)
from brobygger.core.urlwalk import Route

SKIPPED_FIELDS = {"csrfmiddlewaretoken"}


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "textarea" or "button"
    value: str = ""
    options: list[str] = field(default_factory=list)
    required: bool = False
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Form:
    page: str  # where it was found
    action: str  # path it is sent to
    method: str  # "get" or "post"
    fields: dict[str, Field] = field(default_factory=dict)
    multipart: bool = False
    htmx: bool = False  # sent by htmx: the view may answer with a partial


class _FormParser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "form":
            method = (
                "post"
                if ("hx-post" in attrs or attrs.get("method", "").lower() == "post")
                else "get"
            )
            action = attrs.get("hx-post") or attrs.get("hx-get") or attrs.get("action") or self.page
            self._form = Form(
                page=self.page,
                action=urlsplit(action).path or urlsplit(self.page).path,
                method=method,
                multipart="multipart" in attrs.get("enctype", ""),
                htmx=any(name.startswith("hx-") for name in attrs),
            )
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        name = attrs.get("name", "")
        if tag == "input" and name and name not in SKIPPED_FIELDS:
            kind = attrs.get("type", "text").lower()
            if kind in ("radio", "checkbox") and name in form.fields:
                form.fields[name].options.append(attrs.get("value", "on"))
                return
            form.fields[name] = Field(
                name,
                kind,
                attrs.get("value", ""),
                [attrs.get("value", "on")] if kind in ("radio", "checkbox") else [],
                "required" in attrs,
                attrs,
            )
        elif tag == "select" and name:
            self._select = form.fields[name] = Field(
                name, "select", required="required" in attrs, attrs=attrs
            )
        elif tag == "option" and self._select is not None:
            self._select.options.append(attrs.get("value", ""))
            if "selected" in attrs:
                self._select.value = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = form.fields[name] = Field(
                name, "textarea", required="required" in attrs, attrs=attrs
            )
        elif tag == "button" and name:
            existing = form.fields.get(name)
            if existing is not None:
                existing.options.append(attrs.get("value", ""))
            else:
                form.fields[name] = Field(name, "button", "", [attrs.get("value", "")])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data


def parse_forms(html: str, page: str) -> list[Form]:
    parser = _FormParser(page)
    parser.feed(html)
    return parser.forms


def send(client: Client, form: Form, data: dict[str, Any]) -> HttpResponseBase:
    """Submit `data` the way the browser would (GET query or multipart POST, htmx header)."""
    headers = {"HX-Request": "true"} if form.htmx else {}
    if form.method == "get":
        return drained(client.get(form.action, data, headers=headers))
    return drained(client.post(form.action, data, headers=headers))


def drained(response: Any) -> Any:
    """Read a streamed file to the end, so it is closed (no ResourceWarning)."""
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return response


def is_project_path(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return getattr(match.func, "__module__", "").startswith("brobygger.")


def form_key(persona: str, form: Form) -> tuple[str, str, str, tuple[str, ...]]:
    """The same form shown on many pages (or for many objects) is fuzzed once per persona."""
    return (persona, form.method, resolve(form.action).view_name, tuple(sorted(form.fields)))


def forms_on(client: Client, url: str) -> list[Form]:
    """The forms on the page at `url` that send to a project view."""
    response = drained(client.get(url))
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    return [
        form for form in parse_forms(response.content.decode(), url) if is_project_path(form.action)
    ]


def personas_for(route: Route) -> list[str]:
    """Who may use the route: the own-organisation persona of each declared role, or
    "anonymous" for a public page."""
    roles = declared_roles(route)
    if roles is None:
        return ["anonymous"]
    return [attr for role, attr in OWN.items() if str(role) in roles]


def usable_routes(scoping: Scoping) -> list[Route]:
    """Routes the security tests can call: those without ids, and those with a builder."""
    return [r for r in project_routes() if not is_object_route(r) or has_builder(r, scoping)]
