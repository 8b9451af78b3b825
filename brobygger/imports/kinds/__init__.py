"""The kinds of import, in the order the page lists them (and a history is best imported in)."""

from __future__ import annotations

from brobygger.imports.kinds.attendance import AttendanceKind
from brobygger.imports.kinds.base import Kind
from brobygger.imports.kinds.cohorts import CohortsKind, SessionsKind
from brobygger.imports.kinds.participants import ParticipantsKind

KINDS: dict[str, Kind] = {
    kind.slug: kind
    for kind in (CohortsKind(), SessionsKind(), ParticipantsKind(), AttendanceKind())
}


def kind_choices() -> list[tuple[str, str]]:
    return [(slug, str(kind.label)) for slug, kind in KINDS.items()]
