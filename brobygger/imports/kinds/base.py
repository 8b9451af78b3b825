"""What every kind of import declares, and what it returns per row.

A kind is a small class: its Norwegian columns (which make the downloadable template), the
natural key that finds "the same row" in the file and in the database, and `apply`, which writes
one row through the owning app's services (they audit and check status transitions). The engine
(engine.py) runs `apply` for every row inside one transaction, a savepoint per row, and rolls
everything back for a dry run or when any row is refused.

Adding a kind: a module in kinds/ with a subclass of Kind, listed in kinds/__init__.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from brobygger.imports.reading import CellError


class Outcome:
    CREATE = "create"
    CHANGE = "change"
    UNCHANGED = "unchanged"
    REFUSE = "refuse"


@dataclass(frozen=True)
class Column:
    name: str  # the header in the file (lower case, as normalise_header makes it)
    help: str | Promise
    example: str = ""
    required: bool = False


@dataclass
class RowResult:
    outcome: str
    messages: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What every row of one run shares: the programme, the importing user, today, caches."""

    programme: Any
    by: Any
    today: dt.date
    cache: dict[str, Any] = field(default_factory=dict)
    # What a rollback cannot undo (a file a service stored): the engine runs these when the
    # row's savepoint or the whole pass is rolled back, and forgets them when the pass commits.
    undo: list[Callable[[], None]] = field(default_factory=list)

    def cached(self, key: str, build: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]

    def on_rollback(self, action: Callable[[], None]) -> None:
        self.undo.append(action)

    def roll_back(self, *, since: int = 0) -> None:
        while len(self.undo) > since:
            self.undo.pop()()


class Kind:
    slug: ClassVar[str]
    label: ClassVar[str | Promise]
    description: ClassVar[str | Promise]
    columns: ClassVar[tuple[Column, ...]]
    # A service's ValidationError field names -> the column they concern, so a refusal names it.
    field_columns: ClassVar[dict[str, str]] = {}

    def key(self, row: dict[str, Any]) -> tuple[Any, ...] | None:
        """The natural key of a row, normalised, for finding duplicates inside the file; None
        when the row is too broken to have one (apply refuses it)."""
        raise NotImplementedError

    def apply(self, ctx: Context, row: dict[str, Any]) -> RowResult:
        """Write one row (create, change or leave it) through the services; raise CellError or
        ValidationError to refuse it."""
        raise NotImplementedError

    # --- shared by the kinds ------------------------------------------------------------

    @classmethod
    def required_columns(cls) -> list[str]:
        return [c.name for c in cls.columns if c.required]

    @classmethod
    def column_names(cls) -> list[str]:
        return [c.name for c in cls.columns]

    def column_for(self, field_name: str) -> str | None:
        return self.field_columns.get(field_name)


def cell_message(error: CellError) -> str:
    return _("Kolonne «%(column)s»: %(message)s") % {
        "column": error.column,
        "message": error.message,
    }


def choice_lookup(choices: list[tuple[str, Any]]) -> dict[str, str]:
    """Accept a choice by its code or its Norwegian label, in any case."""
    found: dict[str, str] = {}
    for code, label in choices:
        found[str(code).lower()] = code
        found[str(label).lower()] = code
    return found
