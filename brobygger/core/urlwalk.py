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


def _sample_url(route: str) -> str:
    return re.sub(
        r"<(?:(\w+):)?(\w+)>", lambda m: SAMPLE_VALUES.get(m.group(1) or "str", "1"), route
    )


def walk(patterns: list[Any] | None = None, prefix: str = "/") -> Iterator[Route]:
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + _sample_url(str(entry.pattern)))
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
            )
