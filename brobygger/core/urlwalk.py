"""Enumerate the project's URL patterns with sample arguments, for the access tests."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

SAMPLE_VALUES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "uuid": "00000000-0000-0000-0000-000000000001",
    "path": "x",
}


@dataclass(frozen=True)
class Route:
    name: str
    url: str
    callback: Callable[..., Any]
    module: str
    # The full route with its converters ("/praksis/<int:pk>/uke/<str:week>/") and the name
    # to reverse() with ("ns:name" inside a namespaced include).
    pattern: str = ""
    qualname: str = ""

    @property
    def params(self) -> list[tuple[str, str]]:
        """(converter, kwarg name) for each argument of the route, in order."""
        return [(conv or "str", name) for conv, name in PARAM.findall(self.pattern)]


PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _sample_url(route: str) -> str:
    return PARAM.sub(lambda m: SAMPLE_VALUES.get(m.group(1) or "str", "1"), route)


def walk(
    patterns: list[Any] | None = None,
    prefix: str = "/",
    raw_prefix: str = "/",
    namespace: str = "",
) -> Iterator[Route]:
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from walk(
                entry.url_patterns,
                prefix + _sample_url(str(entry.pattern)),
                raw_prefix + str(entry.pattern),
                f"{namespace}{entry.namespace}:" if entry.namespace else namespace,
            )
        elif isinstance(entry, URLPattern):
            pattern = str(entry.pattern)
            if pattern.startswith("^"):  # regex routes (admin internals): skip sample building
                continue
            callback = entry.callback
            yield Route(
                name=entry.name or "",
                url=prefix + _sample_url(pattern),
                callback=callback,
                module=getattr(callback, "__module__", ""),
                pattern=raw_prefix + pattern,
                qualname=f"{namespace}{entry.name}" if entry.name else "",
            )
