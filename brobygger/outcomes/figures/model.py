"""What the figures are made of: cells, rows, tables. Pages, exports, the PDF and the `kpis`
command all render these same objects; `as_dict()` is what `kpis --json` prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

COUNT, RATE, DAYS, SHARE = "count", "rate", "days", "share"


@dataclass(frozen=True)
class Cell:
    # None when hidden (never the true value) or not applicable.
    value: int | Decimal | None
    display: str
    hidden: bool = False

    def as_dict(self) -> dict[str, Any]:
        value = str(self.value) if isinstance(self.value, Decimal) else self.value
        return {"value": value, "display": self.display, "hidden": self.hidden}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = COUNT


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: tuple[Cell, ...]

    def cell(self, columns: tuple[Column, ...], key: str) -> Cell:
        return self.cells[[c.key for c in columns].index(key)]

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "cells": [c.as_dict() for c in self.cells]}


@dataclass(frozen=True)
class Table:
    key: str
    caption: str
    row_header: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row | None = None
    summary: str = ""

    def column(self, key: str) -> list[Cell]:
        index = [c.key for c in self.columns].index(key)
        return [row.cells[index] for row in self.rows]

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "caption": self.caption,
            "row_header": self.row_header,
            "columns": [{"key": c.key, "label": c.label, "kind": c.kind} for c in self.columns],
            "rows": [r.as_dict() for r in self.rows],
            "total": self.total.as_dict() if self.total else None,
            "summary": self.summary,
        }


@dataclass(frozen=True)
class Figures:
    scope: dict[str, Any]
    filters: dict[str, Any]
    today: str
    suppressed: bool
    # The headline numbers (the total row of the breakdown tables), by column key.
    kpis: tuple[tuple[Column, Cell], ...]
    tables: dict[str, Table] = field(default_factory=dict)

    def kpi(self, key: str) -> Cell:
        return next(cell for column, cell in self.kpis if column.key == key)

    def as_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "filters": self.filters,
            "today": self.today,
            "suppressed": self.suppressed,
            "kpis": [
                {"key": c.key, "label": c.label, "kind": c.kind, **cell.as_dict()}
                for c, cell in self.kpis
            ],
            "tables": {key: table.as_dict() for key, table in self.tables.items()},
        }
