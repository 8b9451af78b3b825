"""Where apps plug into the privacy features: "Mine data" (the export) and retention.

Every app that stores data about a participant contributes two things, registered from its
AppConfig.ready() (the privacy app registers them for the apps that came before it, in
privacy/export/sections.py and privacy/retention/anonymisers.py):

1. An export section: `register_export_section(key, title, collect, order=...)` where
   `collect(participant) -> list[Table]` returns the person's rows, in a fixed number of
   queries. The JSON download and the readable page are both built from these tables.

       def collect(participant):
           rows = [{"title": p.title, "start": p.start_date} for p in Position.objects
                   .filter(hire__participant=participant)]
           return [Table("positions", _("Stillinger"),
                         [Column("title", _("Stilling")), Column("start", _("Fra"), DATE)],
                         rows)]

       register_export_section("employment", _("Arbeid"), collect, order=90)

2. An anonymiser: `register_anonymiser(key, anonymise, order=...)` where
   `anonymise(target: AnonymisationTarget) -> AnonymiseResult` clears the personal fields of
   the person's rows, one audit event per row changed (`privacy.retention.base.clear_fields`
   does both), and deletes their files. It must keep what statistics need (codes, dates,
   hours, figures) and be safe to call on a person it has already cleared. It runs inside the
   anonymisation's transaction. Also register the fields as personal with
   `core.appendonly.register_personal_fields`, so their values never reach the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Column kinds: how the readable page shows a value (the JSON keeps the value itself).
TEXT, DATE, DATETIME, NUMBER, BOOL, CODE = "text", "date", "datetime", "number", "bool", "code"


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # lazy translation
    kind: str = TEXT  # CODE columns are in the JSON only; their *_label twin is shown


@dataclass
class Table:
    key: str
    title: Any
    columns: list[Column]
    rows: list[dict[str, Any]]


@dataclass(frozen=True)
class ExportSection:
    key: str
    title: Any
    collect: Callable[[Any], list[Table]]
    order: int = 100


@dataclass
class AnonymisationTarget:
    """The person being anonymised and what the anonymisers need to audit their changes."""

    participant: Any
    enrolment_ids: list[int]
    by: Any
    # The organisation owning each enrolment, and the one used for person-level rows.
    organisation_by_enrolment: dict[int, Any] = field(default_factory=dict)
    organisation: Any = None


@dataclass
class AnonymiseResult:
    rows_changed: int = 0
    files_deleted: int = 0

    def __iadd__(self, other: AnonymiseResult) -> AnonymiseResult:
        self.rows_changed += other.rows_changed
        self.files_deleted += other.files_deleted
        return self


@dataclass(frozen=True)
class Anonymiser:
    key: str
    anonymise: Callable[[AnonymisationTarget], AnonymiseResult]
    order: int = 100


_SECTIONS: dict[str, ExportSection] = {}
_ANONYMISERS: dict[str, Anonymiser] = {}


def register_export_section(
    key: str, title: Any, collect: Callable[[Any], list[Table]], *, order: int = 100
) -> None:
    _SECTIONS[key] = ExportSection(key=key, title=title, collect=collect, order=order)


def export_sections() -> list[ExportSection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def register_anonymiser(
    key: str, anonymise: Callable[[AnonymisationTarget], AnonymiseResult], *, order: int = 100
) -> None:
    _ANONYMISERS[key] = Anonymiser(key=key, anonymise=anonymise, order=order)


def anonymisers() -> list[Anonymiser]:
    return sorted(_ANONYMISERS.values(), key=lambda a: (a.order, a.key))
