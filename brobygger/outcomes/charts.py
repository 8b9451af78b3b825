"""Chart data and plain-language summaries, both made from the (already suppressed) tables.

A hidden cell becomes null in the chart data, never its value. The browser draws the charts
(`static/outcomes/charts.js`, reading `json_script`); the PDF report draws them as SVG images
with alt text (`report.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brobygger.outcomes.figures.model import Cell, Figures, Table

RATE_SERIES = (
    ("completion_rate", gettext_lazy("Fullføringsgrad")),
    ("employment_rate6", gettext_lazy("Andel i jobb 6 mnd")),
    ("employment_rate12", gettext_lazy("Andel i jobb 12 mnd")),
)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    kind: str  # "bar" (vertical), "hbar" (horizontal)
    unit: str  # "%" or ""
    labels: list[str]
    series: list[tuple[str, list[float | None]]]
    summary: str
    table: Table

    @property
    def empty(self) -> bool:
        """Nothing to draw (all zero or hidden): the summary and table say it all."""
        return not any(value for _label, values in self.series for value in values)

    @property
    def element_id(self) -> str:
        return f"chart-data-{self.key}"

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "unit": self.unit,
            "title": self.title,
            "labels": self.labels,
            "datasets": [{"label": label, "data": data} for label, data in self.series],
        }


def _number(cell: Cell) -> float | None:
    """For drawing only: counts and rates as numbers, hidden ones as gaps."""
    if cell.hidden or cell.value is None:
        return None
    return float(cell.value) if isinstance(cell.value, Decimal) else cell.value


def _words(cell: Cell) -> str:
    if cell.hidden:
        return _("under 5") if cell.display == "<5" else _("skjult")
    return cell.display


def _hidden_note(cells: list[Cell]) -> str:
    hidden = sum(1 for cell in cells if cell.hidden)
    if not hidden:
        return ""
    return " " + _("%(n)s tall er skjult av hensyn til personvernet.") % {"n": hidden}


def funnel_chart(figures: Figures) -> Chart:
    table = figures.tables["trakt"]
    cells = [row.cells[0] for row in table.rows]
    w = {row.key: _words(row.cells[0]) for row in table.rows}
    # The follow-up counts behind the employment figures (ADR 0016: the answers count).
    for key in ("followed6", "not_followed6", "followed12", "not_followed12"):
        w[key] = _words(figures.kpi(key))
    summary = (
        _(
            "%(applied)s søkte, %(admitted)s ble tatt opp og %(started)s startet. %(completed)s "
            "fullførte og %(discontinued)s avbrøt. Av %(followed6)s fulgt opp 6 måneder etter "
            "fullføring var %(employed6)s i jobb (%(not_followed6)s ikke fulgt opp); av "
            "%(followed12)s fulgt opp etter 12 måneder var %(employed12)s i jobb "
            "(%(not_followed12)s ikke fulgt opp)."
        )
        % w
    )
    return Chart(
        "trakt",
        table.caption,
        "hbar",
        "",
        [row.label for row in table.rows],
        [(_("Antall"), [_number(c) for c in cells])],
        summary + _hidden_note(cells),
        table,
    )


def distribution_chart(table: Table) -> Chart:
    cells = [row.cells[0] for row in table.rows]
    shown = [(row.label, row.cells[0]) for row in table.rows if not row.cells[0].hidden]
    total = table.total.cells[0] if table.total else None
    if total is not None and not total.hidden and not total.value:
        summary = _("Ingen å vise ennå.")
    elif shown:
        label, cell = max(shown, key=lambda pair: int(pair[1].value or 0))
        summary = _("Vanligst: %(label)s (%(count)s av %(total)s).") % {
            "label": label,
            "count": cell.display,
            "total": _words(total) if total else "",
        }
    else:
        summary = ""
    return Chart(
        table.key,
        table.caption,
        "hbar",
        "",
        [row.label for row in table.rows],
        [(_("Antall"), [_number(c) for c in cells])],
        (summary + _hidden_note(cells)).strip(),
        table,
    )


def rates_chart(table: Table) -> Chart:
    series = []
    all_cells: list[Cell] = []
    for key, label in RATE_SERIES:
        cells = table.column(key)
        all_cells += cells
        series.append((str(label), [_number(c) for c in cells]))
    rates = [
        (row.label, cell)
        for row, cell in zip(table.rows, table.column("completion_rate"), strict=True)
        if not cell.hidden and cell.value is not None
    ]
    parts = []
    if table.total:
        overall = table.total.cell(table.columns, "completion_rate")
        parts.append(_("Samlet fullføringsgrad: %(rate)s.") % {"rate": _words(overall)})
    if len(rates) > 1:
        high = max(rates, key=lambda pair: pair[1].value or 0)
        low = min(rates, key=lambda pair: pair[1].value or 0)
        parts.append(
            _("Høyest: %(high)s (%(high_rate)s). Lavest: %(low)s (%(low_rate)s).")
            % {
                "high": high[0],
                "high_rate": high[1].display,
                "low": low[0],
                "low_rate": low[1].display,
            }
        )
    return Chart(
        f"rater-{table.key}",
        _("Fullføring og jobb, %(caption)s") % {"caption": table.caption.lower()},
        "bar",
        "%",
        [row.label for row in table.rows],
        series,
        (" ".join(parts) + _hidden_note(all_cells)).strip(),
        table,
    )


DISTRIBUTIONS = ("arsaker", "stillingsprosent", "ansettelse", "finansiering", "ytelser")


def overview_charts(figures: Figures) -> list[Chart]:
    return [funnel_chart(figures)] + [
        distribution_chart(figures.tables[key]) for key in DISTRIBUTIONS
    ]
