"""Malformed files: read correctly, or refused with a clear Norwegian message naming the row
and the column."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from brobygger.imports.reading import (
    MAX_BYTES,
    CellError,
    FileRefused,
    as_date,
    as_time,
    read_table,
)


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _refusal(name: str, content: bytes) -> str:
    with pytest.raises(FileRefused) as caught:
        read_table(name, content)
    return caught.value.message


def test_utf8_with_and_without_a_byte_order_mark_reads_the_same():
    text = "fornavn;etternavn\nÅse;Ødegård\n"
    plain = read_table("a.csv", text.encode("utf-8"))
    bom = read_table("a.csv", b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert plain.headers == bom.headers == ["fornavn", "etternavn"]
    assert plain.rows == bom.rows == [(2, {"fornavn": "Åse", "etternavn": "Ødegård"})]


def test_windows_1252_from_norwegian_excel_is_detected():
    table = read_table("a.csv", "fornavn;etternavn\nÆsa;Brække\n".encode("cp1252"))
    assert table.encoding == "cp1252"
    assert table.rows[0][1] == {"fornavn": "Æsa", "etternavn": "Brække"}


def test_latin1_is_read_as_windows_1252_and_utf16_is_refused():
    assert read_table("a.csv", "kull\nLøvås\n".encode("latin-1")).rows[0][1] == {"kull": "Løvås"}
    assert "UTF-16" in _refusal("a.csv", "kull\nx\n".encode("utf-16"))


def test_bytes_that_are_no_text_are_refused():
    assert "ukjent tegnkoding" in _refusal("a.csv", b"kull\n\x81\x8d\x00\x01\n")


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_delimiter_is_sniffed(delimiter):
    content = delimiter.join(["kull", "sted"]) + "\n" + delimiter.join(["K1", "Bergen"]) + "\n"
    table = read_table("a.csv", content.encode())
    assert table.delimiter == delimiter
    assert table.rows == [(2, {"kull": "K1", "sted": "Bergen"})]


def test_a_comma_inside_quotes_in_a_semicolon_file_stays_in_its_cell():
    table = read_table("a.csv", b'kull;sted\nK1;"Bergen, sentrum"\n')
    assert table.rows[0][1]["sted"] == "Bergen, sentrum"


def test_empty_rows_are_skipped_and_line_numbers_kept():
    table = read_table("a.csv", b"kull;sted\n\n;\nK1;Bergen\n  ;  \nK2;Voss\n")
    assert [line for line, _row in table.rows] == [4, 6]


@pytest.mark.parametrize(
    "cell", ['=HYPERLINK("http://x")', "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3+cmd|x"]
)
def test_a_formula_in_a_csv_cell_is_refused_naming_row_and_column(cell):
    message = _refusal("a.csv", f"kull;sted\nK1;Bergen\nK2;{cell}\n".encode())
    assert message.startswith("Rad 3, kolonne «sted»: cellen inneholder en formel")


def test_a_phone_number_or_a_negative_number_is_no_formula():
    table = read_table("a.csv", b"telefon;tall\n+47 400 00 000;-3\n")
    assert table.rows[0][1] == {"telefon": "+47 400 00 000", "tall": "-3"}


def test_xlsx_date_cells_serial_numbers_and_text_dates_all_read_as_dates():
    content = _xlsx(
        [["startdato", "sluttdato", "dato"], [dt.datetime(2024, 8, 19), 45464, "20.06.2025"]]
    )
    table = read_table("kull.xlsx", content)
    row = table.rows[0][1]
    assert as_date(row, "startdato") == dt.date(2024, 8, 19)
    assert as_date(row, "sluttdato") == dt.date(2024, 6, 21)  # Excel serial 45464
    assert as_date(row, "dato") == dt.date(2025, 6, 20)
    assert as_date({"d": "2025-06-20"}, "d") == dt.date(2025, 6, 20)
    assert as_date({"d": "45464"}, "d") == dt.date(2024, 6, 21)  # a serial saved as text


def test_a_bad_date_names_its_column():
    with pytest.raises(CellError) as caught:
        as_date({"startdato": "31.02.2024"}, "startdato")
    assert caught.value.column == "startdato"
    assert "er ikke en dato" in caught.value.message


def test_xlsx_times_as_day_fractions_and_text():
    assert as_time({"fra": 0.375}, "fra") == dt.time(9, 0)
    assert as_time({"fra": "12.30"}, "fra") == dt.time(12, 30)


def test_a_formula_in_an_xlsx_cell_is_refused_naming_row_and_column():
    content = _xlsx([["kull", "plasser"], ["K1", 17], ["K2", "=A2*2"]])
    message = _refusal("kull.xlsx", content)
    assert message.startswith("Rad 3, kolonne «plasser»: cellen inneholder en formel")


def test_xlsx_is_known_by_its_content_even_with_a_csv_name():
    table = read_table("feil-navn.csv", _xlsx([["kull"], ["K1"]]))
    assert table.rows == [(2, {"kull": "K1"})]


def test_a_broken_xlsx_and_an_old_xls_are_refused():
    assert "Excel-filen kan ikke leses" in _refusal("a.xlsx", b"PK\x03\x04 not a zip")
    assert ".xls" in _refusal("a.xls", b"\xd0\xcf\x11\xe0")


def test_headers_are_checked():
    assert "tom" in _refusal("a.csv", b"\n\n")
    assert "står to ganger" in _refusal("a.csv", b"kull;Kull\nK1;K2\n")
    assert "Kolonne 2 på første linje har ikke noe navn" in _refusal("a.csv", b"kull;;sted\n")
    assert "Rad 2 har flere verdier" in _refusal("a.csv", b"kull;sted\nK1;Bergen;ekstra\n")


def test_an_unclosed_quote_is_refused_with_its_row():
    assert "anførselstegn" in _refusal("a.csv", b'kull;sted\nK1;"Bergen\n' + b"x" * 200_000)


def test_a_file_over_the_size_limit_is_refused():
    assert "større enn 10 MB" in _refusal("a.csv", b"kull\n" + b"x" * MAX_BYTES)
