"""Reading an uploaded CSV or XLSX file into rows of text, or refusing it with a clear message.

What it accepts and what it refuses (each has a test in tests/test_reading.py):
- CSV in UTF-8 (with or without a byte order mark) or Windows-1252 (what Excel in Norway saves
  as "CSV (semikolondelt)"); the encoding is detected: UTF-8 if the bytes decode as UTF-8, else
  Windows-1252 if the text then has Norwegian letters and no control characters, else refused.
- The delimiter is sniffed from the header line: semicolon, comma or tab.
- XLSX (openpyxl, read-only): date cells become dates, numbers stay numbers; a formula is
  refused (we read values, never formulas, and "=..." in a CSV cell is refused too: CSV injection).
- Empty rows are skipped; their line numbers are kept so messages name the line in the file.
- At most MAX_BYTES and MAX_ROWS.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
# What makes a spreadsheet treat a cell as a formula (OWASP "CSV injection"): "=" or "@" first,
# or "+"/"-" first in anything but a number (a phone number "+47 400 00 000" or "-3" is fine).
FORMULA = re.compile(r"^(?:[=@]|[+-](?![\d\s().,+-]*$))")
XLSX_MAGIC = b"PK\x03\x04"


class FileRefused(Exception):
    """The file cannot be read; `message` says why, in Norwegian, naming the row and column."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    headers: list[str]
    # (line number in the file, the raw values by header); empty rows are not here.
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""


def normalise_header(value: Any) -> str:
    return " ".join(str(value or "").strip().lower().split())


def _unknown_encoding() -> FileRefused:
    return FileRefused(
        _(
            "Filen har ukjent tegnkoding. Lagre den som CSV UTF-8 (eller som Excel-fil) og "
            "prøv igjen."
        )
    )


def _decode(content: bytes) -> tuple[str, str]:
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused(
            _(
                "Filen er lagret som UTF-16. Lagre den som CSV UTF-8 (eller som Excel-fil) og "
                "prøv igjen."
            )
        )
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError as error:
        raise _unknown_encoding() from error
    if any(ord(ch) < 32 and ch not in "\r\n\t" for ch in text):
        raise _unknown_encoding()
    return text, "cp1252"


def _sniff(first_line: str) -> str:
    """The delimiter the header line uses most; a line with none is one column (and the
    column check then says which columns are missing)."""
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _formula_refusal(line: int, column: str) -> FileRefused:
    return FileRefused(
        _(
            "Rad %(row)s, kolonne «%(column)s»: cellen inneholder en formel. Importen leser "
            "bare verdier: lim inn som verdier og prøv igjen."
        )
        % {"row": line, "column": column}
    )


def _is_empty(values: list[Any]) -> bool:
    return all(value is None or str(value).strip() == "" for value in values)


def _check_headers(raw: list[Any]) -> list[str]:
    headers = [normalise_header(value) for value in raw]
    while headers and headers[-1] == "":
        headers.pop()
    if not headers:
        raise FileRefused(_("Filen er tom: første linje skal ha kolonnenavnene."))
    if "" in headers:
        position = headers.index("") + 1
        raise FileRefused(
            _("Kolonne %(number)s på første linje har ikke noe navn.") % {"number": position}
        )
    seen: set[str] = set()
    for header in headers:
        if header in seen:
            raise FileRefused(_("Kolonnen «%(column)s» står to ganger.") % {"column": header})
        seen.add(header)
    return headers


def _rows(
    headers: list[str], lines: list[tuple[int, list[Any]]], *, text_cells: bool
) -> list[tuple[int, dict[str, Any]]]:
    rows: list[tuple[int, dict[str, Any]]] = []
    for line, values in lines:
        if _is_empty(values):
            continue
        extra = values[len(headers) :]
        if not _is_empty(list(extra)):
            raise FileRefused(
                _("Rad %(row)s har flere verdier enn det er kolonner på første linje.")
                % {"row": line}
            )
        row: dict[str, Any] = {}
        for index, header in enumerate(headers):
            value = values[index] if index < len(values) else None
            if isinstance(value, str):
                value = value.strip()
                if text_cells and FORMULA.match(value):
                    raise _formula_refusal(line, header)
            row[header] = value
        rows.append((line, row))
        if len(rows) > MAX_ROWS:
            raise FileRefused(
                _("Filen har mer enn %(max)s rader. Del den opp i flere filer.") % {"max": MAX_ROWS}
            )
    return rows


def read_csv(content: bytes) -> Table:
    text, encoding = _decode(content)
    if not text.strip():
        raise FileRefused(_("Filen er tom: første linje skal ha kolonnenavnene."))
    delimiter = _sniff(text.lstrip("\r\n").splitlines()[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = [(number, row) for number, row in enumerate(reader, start=1)]
    except csv.Error as error:
        raise FileRefused(
            _("Rad %(row)s kan ikke leses: et anførselstegn er ikke lukket.")
            % {"row": reader.line_num}
        ) from error
    while lines and _is_empty(lines[0][1]):
        lines.pop(0)
    if not lines:
        raise FileRefused(_("Filen er tom: første linje skal ha kolonnenavnene."))
    headers = _check_headers(lines[0][1])
    return Table(
        headers=headers,
        rows=_rows(headers, lines[1:], text_cells=True),
        encoding=encoding,
        delimiter=delimiter,
    )


def read_xlsx(content: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        # Not read_only: openpyxl then reports each cell's type, so a formula is seen as one.
        workbook = load_workbook(io.BytesIO(content), read_only=False, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise FileRefused(_("Excel-filen kan ikke leses. Lagre den på nytt som .xlsx.")) from error
    sheet = workbook.worksheets[0]
    lines: list[tuple[int, list[Any]]] = []
    headers: list[str] | None = None
    for row in sheet.iter_rows():
        number = row[0].row if row else len(lines) + 1
        values: list[Any] = []
        for cell in row:
            if cell.data_type == "f":
                column = (
                    headers[cell.column - 1]
                    if headers and cell.column - 1 < len(headers)
                    else cell.column_letter
                )
                raise _formula_refusal(int(number or 0), column)
            values.append(cell.value)
        if headers is None:
            if _is_empty(values):
                continue
            headers = _check_headers(values)
            continue
        lines.append((int(number or 0), values))
        if len(lines) > MAX_ROWS + 1000:
            break
    if headers is None:
        raise FileRefused(_("Filen er tom: første linje skal ha kolonnenavnene."))
    return Table(headers=headers, rows=_rows(headers, lines, text_cells=True), encoding="xlsx")


def read_table(name: str, content: bytes) -> Table:
    """The file's rows, or FileRefused. XLSX is recognised by its content, not only its name."""
    if len(content) > MAX_BYTES:
        raise FileRefused(
            _("Filen er større enn %(mb)s MB. Del den opp i flere filer.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    if not content:
        raise FileRefused(_("Filen er tom."))
    lower = name.lower()
    if content.startswith(XLSX_MAGIC) or lower.endswith((".xlsx", ".xlsm")):
        return read_xlsx(content)
    if lower.endswith(".xls"):
        raise FileRefused(_("Gamle Excel-filer (.xls) kan ikke leses. Lagre som .xlsx eller CSV."))
    return read_csv(content)


# --- Parsing cell values -------------------------------------------------------------------

EXCEL_EPOCH = dt.date(1899, 12, 30)
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y")


class CellError(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def as_text(
    row: dict[str, Any], column: str, *, required: bool = False, max_length: int = 0
) -> str:
    value = row.get(column)
    if value is None:
        text = ""
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value).strip()
    if required and not text:
        raise CellError(column, _("mangler verdi"))
    if max_length and len(text) > max_length:
        raise CellError(column, _("er lengre enn %(max)s tegn") % {"max": max_length})
    return text


def as_date(row: dict[str, Any], column: str, *, required: bool = False) -> dt.date | None:
    """A date: a date cell, an Excel serial number (days since 1899-12-30), or text
    dd.mm.åååå / åååå-mm-dd."""
    value = row.get(column)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(column, float(value))
    text = as_text(row, column, required=required)
    if not text:
        return None
    if re.fullmatch(r"\d{5}(?:[.,]0+)?", text):  # an Excel serial number saved as text
        return _serial(column, float(text.replace(",", ".")))
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellError(
        column, _("«%(value)s» er ikke en dato (skriv dd.mm.åååå)") % {"value": text[:20]}
    )


def _serial(column: str, serial: float) -> dt.date:
    if not 1 <= serial < 2958466:
        raise CellError(column, _("er ikke en dato"))
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def as_time(row: dict[str, Any], column: str, *, required: bool = False) -> dt.time | None:
    value = row.get(column)
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value
    if isinstance(value, float) and 0 <= value < 1:  # Excel stores a time as a day fraction
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    text = as_text(row, column, required=required)
    if not text:
        return None
    for fmt in ("%H:%M", "%H.%M", "%H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt).time()
        except ValueError:
            continue
    raise CellError(
        column, _("«%(value)s» er ikke et klokkeslett (skriv tt:mm)") % {"value": text[:20]}
    )


def as_int(
    row: dict[str, Any], column: str, *, required: bool = False, low: int = 0, high: int = 10**6
) -> int | None:
    text = as_text(row, column, required=required)
    if not text:
        return None
    try:
        number = int(text)
    except ValueError as error:
        raise CellError(
            column, _("«%(value)s» er ikke et helt tall") % {"value": text[:20]}
        ) from error
    if not low <= number <= high:
        raise CellError(
            column, _("må være mellom %(low)s og %(high)s") % {"low": low, "high": high}
        )
    return number
