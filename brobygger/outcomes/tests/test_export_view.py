"""GET /resultater/eksport/<table>.<csv|xlsx>: the table as on screen, streamed, with the same
suppression, and spreadsheet formulas neutralised."""

import csv
import io

import pytest
from openpyxl import load_workbook

from brobygger.outcomes.exports import neutralise
from brobygger.outcomes.tests.helpers import add_people, count_queries


def csv_lines(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get("/resultater/eksport/kull.csv")
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_roles_without_figures_are_refused(client, personas):
    client.force_login(personas.caseworker)
    assert client.get("/resultater/eksport/kull.csv").status_code == 403


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.coordinator)
    assert client.post("/resultater/eksport/kull.csv").status_code == 405


@pytest.mark.parametrize("path", ["kull.pdf", "ukjent.csv", "alle.csv"])
def test_unknown_tables_and_formats_are_404(client, personas, path):
    client.force_login(personas.coordinator)
    assert client.get(f"/resultater/eksport/{path}").status_code == 404


def test_the_csv_holds_the_table_as_shown(client, personas):
    add_people(personas.cohort, 3)
    client.force_login(personas.coordinator)

    response = client.get("/resultater/eksport/kull.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="resultater-kull-2029-03-01.csv"' in response["Content-Disposition"]
    lines = csv_lines(response)
    assert lines[0][:5] == ["Kull", "Søkt", "Tatt opp", "Startet", "Fullført"]
    assert lines[1][0] == personas.cohort.name
    assert lines[1][4] == "3"
    assert lines[1][7] == "50 %"
    assert lines[-1][0] == "I alt"


def test_the_analyst_export_hides_what_the_page_hides(client, personas):
    add_people(personas.cohort, 6)  # one completer per municipality
    client.force_login(personas.analyst)
    page = client.get("/resultater/kommune/").context["table"]

    lines = csv_lines(client.get("/resultater/eksport/kommune.csv"))

    assert lines[1:] == [
        [row.label] + [cell.display for cell in row.cells] for row in [*page.rows, page.total]
    ]
    assert any("<5" in line for line in lines)


def test_cells_a_spreadsheet_would_run_are_neutralised(client, personas):
    personas.cohort.name = '=HYPERLINK("http://x")'
    personas.cohort.save()
    add_people(personas.cohort, 1)
    client.force_login(personas.coordinator)

    lines = csv_lines(client.get("/resultater/eksport/kull.csv"))
    book = load_workbook(io.BytesIO(b"".join(client.get("/resultater/eksport/kull.xlsx"))))

    assert lines[1][0].startswith("'=HYPERLINK")
    assert book.active["A5"].value.startswith("'=HYPERLINK")
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    assert neutralise("Kull 2024") == "Kull 2024"
    assert neutralise("–") == "–"


def test_the_excel_file_has_numbers_and_the_same_hidden_markers(client, personas):
    add_people(personas.cohort, 6)
    client.force_login(personas.analyst)
    page = client.get("/resultater/kommune/").context["table"]

    response = client.get("/resultater/eksport/kommune.xlsx")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet["A1"].value == page.caption
    assert sheet["A2"].value == "Hele landet"
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    for row, expected in zip(rows, [*page.rows, page.total], strict=False):
        assert row[0] == expected.label
        for value, cell in zip(row[1:], expected.cells, strict=True):
            if cell.hidden:
                assert value == cell.display
            elif isinstance(cell.value, int):
                assert value == cell.value


def test_all_tables_go_into_one_workbook(client, personas):
    add_people(personas.cohort, 2)
    client.force_login(personas.coordinator)

    book = load_workbook(io.BytesIO(b"".join(client.get("/resultater/eksport/alle.xlsx"))))

    assert len(book.sheetnames) == 11
    assert "Per kull" in book.sheetnames


def test_bad_filters_are_refused_with_a_message(client, personas):
    client.force_login(personas.coordinator)

    response = client.get("/resultater/eksport/kull.csv", {"fra_ar": "tjue"})

    assert response.status_code == 400
    assert "Skriv et årstall" in response.content.decode()


@pytest.mark.parametrize("path", ["kommune.csv", "alle.xlsx"])
def test_exports_run_a_fixed_number_of_queries(client, personas, django_assert_num_queries, path):
    client.force_login(personas.analyst)
    add_people(personas.cohort, 2)
    url = f"/resultater/eksport/{path}"
    few = count_queries(client, url)

    add_people(personas.cohort, 12)
    with django_assert_num_queries(few):
        response = client.get(url)
        b"".join(response.streaming_content)
