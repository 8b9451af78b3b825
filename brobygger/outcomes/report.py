"""The annual report for one programme as PDF: key figures, charts, the cohort table and the
breakdowns, tagged (PDF/UA-1) and in the active language. Built from the same `Figures` as the
dashboard, so the numbers (and the hidden small counts) are the page's numbers.

The layout and texts are in `outcomes/pdf/report.html`. Each chart is an SVG image with alt text
that reads out every bar (a hidden value as "skjult"), followed by its plain-language summary;
the tables hold the same figures. Programme and cohort names are typed by users: they reach the
HTML autoescaped and the SVG through `escape`, as text, never markup."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.translation import gettext as _

from brobygger.core.formatting import format_day, format_number
from brobygger.core.pdftext import render_pdf
from brobygger.outcomes.charts import Chart, distribution_chart, funnel_chart, rates_chart
from brobygger.outcomes.figures.model import Figures, Row, Table

PALETTE = ("#1e5aa8", "#2e8540", "#c05600")
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
DISTRIBUTIONS = ("arsaker", "stillingsprosent", "ansettelse", "finansiering", "ytelser")
WIDTH = 640  # the SVG's user units across the page's text width
LABEL_CHARS = 34


@dataclass(frozen=True)
class PdfTable:
    """A table as the template shows it: header labels, then rows of (label, cell texts)."""

    row_header: str
    headers: list[str]
    rows: list[tuple[str, list[str]]]
    total: tuple[str, list[str]] | None


@dataclass(frozen=True)
class PdfChart:
    title: str
    summary: str
    image: str  # a data: URI, or "" when there is nothing to draw
    alt: str


@dataclass(frozen=True)
class Section:
    title: str
    chart: PdfChart | None
    table: PdfTable | None
    note: str = ""
    wide: bool = False  # many columns, many rows: small type, may break across pages


def annual_report(*, figures: Figures, programme_name: str, year: int) -> bytes:
    cohorts = figures.tables["kull"]
    sections = [
        Section(c.title, _chart(c), None) for c in (funnel_chart(figures), rates_chart(cohorts))
    ]
    sections.append(Section(cohorts.caption, None, _table(cohorts, COHORT_COLUMNS), wide=True))
    for key in DISTRIBUTIONS:
        table = figures.tables[key]
        chart = distribution_chart(table)
        sections.append(Section(table.caption, _chart(chart), _table(table), table.summary))
    kpis = PdfTable(
        _("Mål"), [_("Verdi")], [(c.label, [cell.display]) for c, cell in figures.kpis], None
    )
    return render_pdf(
        "outcomes/pdf/report.html",
        {
            "year": year,
            "programme_name": programme_name,
            "today": format_day(dt.date.fromisoformat(figures.today)),
            "kpis": kpis,
            "sections": sections,
        },
    )


def _table(table: Table, keys: tuple[str, ...] | None = None) -> PdfTable:
    all_keys = [c.key for c in table.columns]
    picked = [all_keys.index(k) for k in keys] if keys else list(range(len(all_keys)))

    def line(row: Row) -> tuple[str, list[str]]:
        return row.label, [row.cells[i].display for i in picked]

    return PdfTable(
        table.row_header,
        [table.columns[i].label for i in picked],
        [line(row) for row in table.rows],
        line(table.total) if table.total else None,
    )


def _chart(chart: Chart) -> PdfChart:
    if chart.empty:
        return PdfChart(chart.title, chart.summary, "", "")
    svg = _hbar_svg(chart) if chart.kind == "hbar" else _bar_svg(chart)
    image = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    return PdfChart(chart.title, chart.summary, image, _alt(chart))


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return _("skjult")
    text = format_number(Decimal(str(value)), places=1)
    return f"{text} %" if unit == "%" else text


def _alt(chart: Chart) -> str:
    """Every bar in words, so the image says what it shows."""
    parts = []
    for label, values in chart.series:
        bars = ", ".join(
            f"{name} {_value(v, chart.unit)}" for name, v in zip(chart.labels, values, strict=True)
        )
        parts.append(f"{label}: {bars}")
    return _("Stolpediagram. %(bars)s.") % {"bars": "; ".join(parts)}


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _svg(height: int, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="Inter, DejaVu Sans, sans-serif" '
        f'font-size="11" fill="#1a1a1a">' + "".join(body) + "</svg>"
    )


def _hbar_svg(chart: Chart) -> str:
    """Horizontal bars, one per label, the value at the end of each; hidden values are gaps."""
    values = chart.series[0][1]
    highest = max((v for v in values if v is not None), default=0) or 1
    left, right, step = 230, WIDTH - 60, 20
    body = []
    for i, (label, value) in enumerate(zip(chart.labels, values, strict=True)):
        y = 6 + i * step
        body.append(
            f'<text x="{left - 8}" y="{y + 12}" text-anchor="end">{escape(_short(label))}</text>'
        )
        width = 0.0 if value is None else (right - left) * value / highest
        if width:
            body.append(
                f'<rect x="{left}" y="{y + 2}" width="{width:.1f}" height="{step - 6}" '
                f'fill="{PALETTE[0]}"/>'
            )
        body.append(
            f'<text x="{left + width + 5:.1f}" y="{y + 12}">{escape(_value(value, chart.unit))}'
            "</text>"
        )
    body.append(
        f'<line x1="{left}" y1="4" x2="{left}" y2="{8 + len(values) * step}" stroke="#595959"/>'
    )
    return _svg(12 + len(values) * step, body)


def _bar_svg(chart: Chart) -> str:
    """Grouped vertical bars on a 0–100 % axis (one group per label), with a legend."""
    top, bottom, left, right = 10, 170, 40, WIDTH - 10
    scale = (
        100.0
        if chart.unit == "%"
        else (max((v for _l, vs in chart.series for v in vs if v is not None), default=0) or 1)
    )
    body = []
    for tick in range(0, 101, 25):
        y = bottom - (bottom - top) * tick / 100
        body.append(f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="#d0d0d0"/>')
        label = f"{tick} %" if chart.unit == "%" else format_number(Decimal(scale * tick / 100))
        body.append(f'<text x="{left - 4}" y="{y + 4}" text-anchor="end">{escape(label)}</text>')
    groups = max(len(chart.labels), 1)
    group_width = (right - left) / groups
    bar = group_width * 0.8 / max(len(chart.series), 1)
    for g, name in enumerate(chart.labels):
        x0 = left + g * group_width + group_width * 0.1
        for s, (_label, values) in enumerate(chart.series):
            value = values[g]
            if value is None:
                continue
            height = (bottom - top) * value / scale
            body.append(
                f'<rect x="{x0 + s * bar:.1f}" y="{bottom - height:.1f}" width="{bar:.1f}" '
                f'height="{height:.1f}" fill="{PALETTE[s % len(PALETTE)]}"/>'
            )
        centre = x0 + group_width * 0.4
        body.append(
            f'<text x="{centre:.1f}" y="{bottom + 14}" text-anchor="end" '
            f'transform="rotate(-30 {centre:.1f} {bottom + 14})">{escape(_short(name))}</text>'
        )
    legend_y = bottom + 90
    for s, (label, _values) in enumerate(chart.series):
        x = left + s * 200
        body.append(
            f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" '
            f'fill="{PALETTE[s % len(PALETTE)]}"/>'
        )
        body.append(f'<text x="{x + 14}" y="{legend_y}">{escape(label)}</text>')
    return _svg(legend_y + 8, body)
