"""The annual report for one programme as PDF (reportlab): key figures, charts drawn with
reportlab.graphics, the cohort table and the breakdowns. Built from the same `Figures` as the
dashboard, so the numbers are the page's numbers.

Every paragraph is plain text (`core.pdftext.paragraph`): programme and cohort names are typed by
users, and ReportLab would otherwise read them as markup."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from brobygger.core.pdftext import paragraph
from brobygger.outcomes.charts import Chart, distribution_chart, funnel_chart, rates_chart
from brobygger.outcomes.figures.model import Figures, Table

ACCENT = colors.HexColor("#1e5aa8")
COHORT_COLUMNS = (
    "applied",
    "started",
    "completed",
    "discontinued",
    "completion_rate",
    "not_followed6",
    "employed6",
    "not_followed12",
    "employed12",
    "median_days",
)
WIDTH = A4[0] - 36 * mm


def annual_report(*, figures: Figures, programme_name: str, year: int) -> bytes:
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    small = body.clone("small", fontSize=8, leading=10)
    header = body.clone("header", fontName="Helvetica-Bold", fontSize=6, leading=7.5)
    story: list[Any] = [
        paragraph(_("Årsrapport %(year)s") % {"year": year}, styles["Title"]),
        paragraph(programme_name, styles["Heading2"]),
        paragraph(
            _("Kull som startet til og med %(year)s. Tall per %(today)s.")
            % {"year": year, "today": _date(figures.today)},
            body,
        ),
        Spacer(1, 4 * mm),
        paragraph(_("Nøkkeltall"), styles["Heading2"]),
        _pdf_table(
            [[_("Mål"), _("Verdi")]] + [[c.label, cell.display] for c, cell in figures.kpis],
            [WIDTH * 0.6, WIDTH * 0.4],
            total=False,
        ),
    ]
    cohorts = figures.tables["kull"]
    for chart in (funnel_chart(figures), rates_chart(cohorts)):
        story += _chart_block(chart, styles, body)
    story += [
        paragraph(cohorts.caption, styles["Heading2"]),
        _cohort_table(cohorts, header),
    ]
    for key in ("arsaker", "stillingsprosent", "ansettelse", "finansiering", "ytelser"):
        table = figures.tables[key]
        chart = distribution_chart(table)
        block = [
            paragraph(table.caption, styles["Heading2"]),
            *_drawing(chart),
            paragraph(chart.summary, body),
            _pdf_table(_rows_of(table), [WIDTH * 0.6, WIDTH * 0.2, WIDTH * 0.2]),
        ]
        if table.summary:
            block.append(paragraph(table.summary, small))
        story.append(KeepTogether(block))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_("Årsrapport %(year)s – %(name)s") % {"year": year, "name": programme_name},
        author="Brobygger",
    )
    doc.build(story)
    return buffer.getvalue()


def _date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def _rows_of(table: Table) -> list[list[str]]:
    rows = [[table.row_header] + [c.label for c in table.columns]]
    rows += [[r.label] + [c.display for c in r.cells] for r in table.rows]
    if table.total:
        rows.append([table.total.label] + [c.display for c in table.total.cells])
    return rows


def _cohort_table(table: Table, style: Any) -> PdfTable:
    keys = [c.key for c in table.columns]
    picked = [keys.index(k) for k in COHORT_COLUMNS]
    header = [paragraph(table.row_header, style)] + [
        paragraph(table.columns[i].label, style) for i in picked
    ]
    rows = [header]
    for row in [*table.rows, *([table.total] if table.total else [])]:
        rows.append([row.label] + [row.cells[i].display for i in picked])
    first = WIDTH * 0.14
    rest = (WIDTH - first) / len(picked)
    return _pdf_table(rows, [first] + [rest] * len(picked), total=table.total is not None)


def _pdf_table(rows: list[list[Any]], widths: list[float], *, total: bool = True) -> PdfTable:
    table = PdfTable(rows, colWidths=widths, repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
        ("FONT", (0, 1), (-1, -1), "Helvetica", 8),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f4f7")]),
    ]
    if total and len(rows) > 2:
        commands += [
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
            ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 8),
        ]
    table.setStyle(TableStyle(commands))
    return table


def _chart_block(chart: Chart, styles: Any, body: Any) -> list[Any]:
    return [
        KeepTogether(
            [
                paragraph(chart.title, styles["Heading2"]),
                *_drawing(chart),
                paragraph(chart.summary, body),
            ]
        )
    ]


def _drawing(chart: Chart) -> list[Drawing]:
    """A bar chart (none when there is nothing to draw); hidden values are gaps, as on
    screen."""
    labels = chart.labels or ["–"]
    data = [[v if v is not None else 0 for v in values] or [0] for _, values in chart.series]
    highest = max((v for values in data for v in values), default=0)
    if not highest:
        return []
    if chart.kind == "hbar":
        height = 20 + 14 * len(labels)
        drawing = Drawing(WIDTH, height)
        bars: Any = HorizontalBarChart()
        bars.x, bars.y, bars.width, bars.height = 150, 10, WIDTH - 170, height - 20
        bars.categoryAxis.reverseDirection = True
    else:
        height = 170
        drawing = Drawing(WIDTH, height)
        bars = VerticalBarChart()
        bars.x, bars.y, bars.width, bars.height = 30, 40, WIDTH - 40, height - 50
        bars.categoryAxis.labels.angle = 30
        bars.categoryAxis.labels.boxAnchor = "ne"
    bars.data = data
    bars.categoryAxis.categoryNames = labels
    bars.categoryAxis.labels.fontSize = 7
    bars.valueAxis.labels.fontSize = 7
    bars.valueAxis.valueMin = 0
    if chart.unit == "%":
        bars.valueAxis.valueMax = 100
    elif highest <= 10:
        bars.valueAxis.valueStep = 1  # counts: no 0.5 people
    palette = [ACCENT, colors.HexColor("#2e8540"), colors.HexColor("#c05600")]
    for i in range(len(data)):
        bars.bars[i].fillColor = palette[i % len(palette)]
        bars.bars[i].strokeColor = None
    drawing.add(bars)
    if len(chart.series) > 1:
        for i, (label, _values) in enumerate(chart.series):
            x = 30 + i * 140
            drawing.add(Rect(x, 3, 7, 7, fillColor=palette[i], strokeColor=None))
            drawing.add(String(x + 10, 4, label, fontSize=7))
    return [drawing]
