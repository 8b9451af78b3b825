"""Where apps plug into the privacy features: "Mine data" (the export) and retention.

Every app that stores data about a participant contributes two things, registered from its
AppConfig.ready() (the privacy app registers them for the apps that came before it, in
privacy/export/sections.py and privacy/retention/anonymisers.py):

1. An export section: `register_export_section(key, title, collect, order=...)` where
   `collect(participant) -> list[Table]` returns the person's rows, in a fixed number of
   queries. The JSON download and the readable page are both built from these tables, and
   `table()` builds one from the rows' objects and a list of fields, each named once:

       def collect(participant):
           positions = Position.objects.filter(hire__participant=participant)
           return [table("positions", _("Stillinger"), positions, [
               Field("title", _("Stilling")),
               Field("start", _("Fra"), DATE, "start_date"),
               *choice("kind", _("Typekode"), _("Type")),
           ])]

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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ObjectDoesNotExist

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
class Field:
    """One value of every row of a table: where it comes from and, with a label, its column.

    `source` is an attribute path ("cohort.version.programme.name"; the key itself if left
    out) or a function of the row's object. A path through a missing object gives "" for a
    text and None for any other kind, as the page shows both as "–"."""

    key: str
    label: Any = None  # None: the value is in the JSON rows only, with no column
    kind: str = TEXT
    source: str | Callable[[Any], Any] | None = None

    def value(self, obj: Any) -> Any:
        if callable(self.source):
            return self.source(obj)
        names = (self.source or self.key).split(".")
        value = obj
        for step, name in enumerate(names, start=1):
            try:
                value = getattr(value, name)
            except ObjectDoesNotExist:  # a reverse one-to-one not (yet) made
                value = None
            if value is None and step < len(names):
                return "" if self.kind in (TEXT, CODE) else None
        return value


def choice(key: str, code_label: Any, label: Any, *, source: str | None = None) -> list[Field]:
    """A field with choices: its code (in the JSON, `CODE`) and its text (`<key>_label`, shown;
    "" when there is none)."""
    path = source or key
    owner, _dot, name = path.rpartition(".")

    def text(obj: Any) -> str:
        holder = Field("", source=owner).value(obj) if owner else obj
        if holder in (None, "") or getattr(holder, name) is None:
            return ""
        return str(getattr(holder, f"get_{name}_display")())

    return [Field(key, code_label, CODE, path), Field(f"{key}_label", label, TEXT, text)]


def table(
    key: str, title: Any, objects: Iterable[Any], fields: Sequence[Field | Sequence[Field]]
) -> Table:
    """A table of one row per object: the columns and every row from the same fields."""
    flat = [f for item in fields for f in ([item] if isinstance(item, Field) else item)]
    return Table(
        key,
        title,
        [Column(f.key, f.label, f.kind) for f in flat if f.label is not None],
        [{f.key: f.value(obj) for f in flat} for obj in objects],
    )


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
