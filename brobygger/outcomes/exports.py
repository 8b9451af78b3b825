"""CSV and Excel exports of the figure tables: the same suppressed cells as on screen.

CSV is streamed row by row; Excel is written by openpyxl's write-only workbook into an
anonymous temporary file, then streamed from disk. Any text a spreadsheet could run as a
formula (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import re
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

from openpyxl import Workbook

from brobygger.outcomes.figures.model import COUNT, RATE, SHARE, Cell, Figures, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _header(table: Table, *, units: bool = False) -> list[str]:
    """Column labels; in Excel, where rates are plain numbers, with "(%)" after rates."""
    return [table.row_header] + [
        f"{c.label} (%)" if units and c.kind in (RATE, SHARE) else c.label for c in table.columns
    ]


def _rows(table: Table) -> Iterator[tuple[str, tuple[Cell, ...]]]:
    for row in table.rows:
        yield row.label, row.cells
    if table.total:
        yield table.total.label, table.total.cells


def table_lines(table: Table) -> Iterator[list[str]]:
    """The table as text, exactly as shown on screen."""
    yield [neutralise(text) for text in _header(table)]
    for label, cells in _rows(table):
        yield [neutralise(label)] + [neutralise(cell.display) for cell in cells]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(table: Table) -> Iterator[str]:
    """Semicolon-separated with a byte order mark, as Norwegian Excel expects."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for line in table_lines(table):
        yield writer.writerow(line)


def _excel_value(cell: Cell, kind: str) -> Any:
    """Shown counts and rates as numbers; hidden and empty cells as their marker."""
    if cell.hidden or cell.value is None:
        return neutralise(cell.display)
    if kind == COUNT or isinstance(cell.value, int):
        return cell.value
    return Decimal(cell.value)


def sheet_title(text: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", "", text)[:31] or "Ark"
    base, n = title, 2
    while title in used:
        suffix = f" {n}"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title)
    return title


def xlsx_file(tables: Iterable[Table], figures: Figures) -> IO[bytes]:
    """A write-only workbook with one sheet per table, in an unnamed temporary file."""
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(sheet_title(table.caption, used))
        sheet.append([neutralise(table.caption)])
        sheet.append([neutralise(figures.scope["label"])])
        sheet.append([])
        sheet.append([neutralise(text) for text in _header(table, units=True)])
        for label, cells in _rows(table):
            columns = zip(cells, table.columns, strict=True)
            values = [_excel_value(cell, col.kind) for cell, col in columns]
            sheet.append([neutralise(label), *values])
        if table.summary:
            sheet.append([])
            sheet.append([neutralise(table.summary)])
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    return handle
