"""The kinds of import, in the order the page lists them (and a history is best imported in)."""

from __future__ import annotations

from brobygger.imports.kinds.assessments import AssessmentsKind, CompletionsKind
from brobygger.imports.kinds.attendance import AttendanceKind
from brobygger.imports.kinds.base import Kind
from brobygger.imports.kinds.cohorts import CohortsKind, SessionsKind
from brobygger.imports.kinds.employment import EmploymentsKind
from brobygger.imports.kinds.followups import FollowUpsKind
from brobygger.imports.kinds.participants import ParticipantsKind
from brobygger.imports.kinds.placements import PlacementsKind
from brobygger.imports.kinds.timesheets import TimesheetsKind

KINDS: dict[str, Kind] = {
    kind.slug: kind
    for kind in (
        CohortsKind(),
        SessionsKind(),
        ParticipantsKind(),
        AttendanceKind(),
        PlacementsKind(),
        TimesheetsKind(),
        AssessmentsKind(),
        CompletionsKind(),
        EmploymentsKind(),
        FollowUpsKind(),
    )
}


def kind_choices() -> list[tuple[str, str]]:
    return [(slug, str(kind.label)) for slug, kind in KINDS.items()]
