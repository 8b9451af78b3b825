"""Tables from the cube, with suppression applied: what every page, export and command shows.

A count shows its value, "<5" or "x"; a rate or share is hidden when any count it is made of
is hidden (or it would give the hidden count away); a median of days is hidden, in suppressed
views, when fewer than five people are behind it.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from brobygger.core.formatting import format_number
from brobygger.employment.models import Benefit, FundingSource, JobKind
from brobygger.enrolments.models import EndingReason
from brobygger.outcomes.figures import cube as c
from brobygger.outcomes.figures.model import DAYS, RATE, SHARE, Cell, Column, Row, Table
from brobygger.outcomes.suppression import THRESHOLD, State, display

States = Mapping[Any, State] | None
NOT_APPLICABLE = Cell(None, "–")


def funnel_columns() -> tuple[Column, ...]:
    return (
        Column(c.APPLIED, _("Søkt")),
        Column(c.ADMITTED, _("Tatt opp")),
        Column(c.STARTED, _("Startet")),
        Column(c.COMPLETED, _("Fullført")),
        Column(c.DISCONTINUED, _("Avbrutt")),
        Column(c.ONGOING, _("Deltar nå")),
        Column("completion_rate", _("Fullføringsgrad"), RATE),
        Column(c.FOLLOWED6, _("Fulgt opp 6 mnd")),
        Column(c.NOT_FOLLOWED6, _("Ikke fulgt opp 6 mnd")),
        Column(c.EMPLOYED6, _("I jobb 6 mnd")),
        Column("employment_rate6", _("Andel i jobb 6 mnd"), RATE),
        Column(c.FOLLOWED12, _("Fulgt opp 12 mnd")),
        Column(c.NOT_FOLLOWED12, _("Ikke fulgt opp 12 mnd")),
        Column(c.EMPLOYED12, _("I jobb 12 mnd")),
        Column("employment_rate12", _("Andel i jobb 12 mnd"), RATE),
        Column(c.GOT_JOB, _("Fikk jobb")),
        Column("median_days", _("Median dager til første jobb"), DAYS),
    )


RATES = {
    "completion_rate": (c.COMPLETED, (c.COMPLETED, c.DISCONTINUED)),
    "employment_rate6": (c.EMPLOYED6, (c.FOLLOWED6,)),
    "employment_rate12": (c.EMPLOYED12, (c.FOLLOWED12,)),
}


def dimension_labels() -> dict[str, tuple[str, str]]:
    """(table caption, row header) per dimension."""
    return {
        c.PROGRAMME: (_("Per program"), _("Program")),
        c.COHORT: (_("Per kull"), _("Kull")),
        c.YEAR: (_("Per år kullet startet"), _("År")),
        c.COUNTY: (_("Per fylke (deltakerens bosted)"), _("Fylke")),
        c.MUNICIPALITY: (_("Per kommune (deltakerens bosted)"), _("Kommune")),
    }


class Builder:
    def __init__(self, cube: c.Cube, states: States) -> None:
        self.cube = cube
        self.states = states

    def count(self, key: c.Key) -> Cell:
        value = self.cube.values.get(key, 0)
        state = self.states.get(key, State.SHOWN) if self.states is not None else State.SHOWN
        if state != State.SHOWN:
            return Cell(None, display(value, state), hidden=True)
        return Cell(value, str(value))

    def ratio(self, numerator: Cell, parts: list[Cell]) -> Cell:
        if numerator.hidden or any(p.hidden for p in parts):
            return Cell(None, "x", hidden=True)
        denominator = sum(int(p.value or 0) for p in parts)
        if not denominator:
            return NOT_APPLICABLE
        percent = (Decimal(int(numerator.value or 0)) * 100 / denominator).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        return Cell(percent, f"{format_number(percent, places=1)} %")

    def median(self, dim: str, member: str, people: Cell) -> Cell:
        median, behind = self.cube.medians.get((dim, member), (Decimal(0), 0))
        if not behind:
            return NOT_APPLICABLE
        if self.states is not None and (people.hidden or behind < THRESHOLD):
            return Cell(None, "x", hidden=True)
        value = int(median.quantize(0, rounding=ROUND_HALF_UP))
        return Cell(value, str(value))

    def funnel_row(self, dim: str, member: str, label: str) -> Row:
        cells: dict[str, Cell] = {m: self.count((m, dim, member)) for m in c.FUNNEL}
        for key, (numerator, denominator) in RATES.items():
            cells[key] = self.ratio(cells[numerator], [cells[d] for d in denominator])
        cells["median_days"] = self.median(dim, member, cells[c.GOT_JOB])
        return Row(member or "-", label, tuple(cells[col.key] for col in funnel_columns()))

    def breakdown(self, dim: str) -> Table:
        caption, header = dimension_labels()[dim]
        several_programmes = len(self.cube.members.get(c.PROGRAMME, [])) > 1
        rows = []
        for member in self.cube.members.get(dim, []):
            label = self.cube.labels.get((dim, member)) or _unknown(dim)
            if dim == c.COHORT and several_programmes:
                label = f"{label} ({self.cube.programme_name_of[member]})"
            rows.append(self.funnel_row(dim, member, label))
        return Table(
            key=dim,
            caption=caption,
            row_header=header,
            columns=funnel_columns(),
            rows=tuple(rows),
            total=self.funnel_row(c.ALL, "", _("I alt")),
        )

    def distribution(
        self, key: str, caption: str, header: str, prefix: str, categories: list[tuple[str, str]],
        total_measure: str, summary: str = "",
    ) -> Table:  # fmt: skip
        total = self.count((total_measure, c.ALL, ""))
        columns = (Column("count", _("Antall")), Column("share", _("Andel"), SHARE))
        rows = []
        for code, label in categories:
            cell = self.count((f"{prefix}:{code}", c.ALL, ""))
            rows.append(Row(code or "-", label, (cell, self.ratio(cell, [total]))))
        total_row = Row("-", _("I alt"), (total, self.ratio(total, [total])))
        return Table(key, caption, header, columns, tuple(rows), total_row, summary)

    def funnel(self) -> Table:
        steps = [
            (c.APPLIED, _("Søkt")),
            (c.ADMITTED, _("Tatt opp")),
            (c.STARTED, _("Startet")),
            (c.COMPLETED, _("Fullført")),
            (c.DISCONTINUED, _("Avbrutt")),
            (c.EMPLOYED6, _("I jobb 6 måneder etter fullføring")),
            (c.EMPLOYED12, _("I jobb 12 måneder etter fullføring")),
        ]
        rows = tuple(Row(m, label, (self.count((m, c.ALL, "")),)) for m, label in steps)
        return Table(
            "trakt",
            _("Fra søknad til jobb"),
            _("Steg"),
            (Column("count", _("Antall")),),
            rows,
        )


def _unknown(dim: str) -> str:
    return _("Ukjent fylke") if dim == c.COUNTY else _("Ukjent bostedskommune")


def all_tables(cube: c.Cube, states: States) -> tuple[Builder, dict[str, Table]]:
    b = Builder(cube, states)
    tables: dict[str, Table] = {"trakt": b.funnel()}
    for dim in c.DIMENSIONS:
        tables[dim] = b.breakdown(dim)
    reasons = [(r, EndingReason(r).label) for r in EndingReason.values] + [("", _("Ikke oppgitt"))]
    tables["arsaker"] = b.distribution(
        "arsaker", _("Avbrudd etter årsak"), _("Årsak"), "reason",
        [(code, str(label)) for code, label in reasons], c.DISCONTINUED,
    )  # fmt: skip
    bands = [
        ("under50", _("Under 50 %")),
        ("50", _("50 %")),
        ("51-79", _("51–79 %")),
        ("80-99", _("80–99 %")),
        ("100", _("100 %")),
        ("", _("Ikke registrert")),
    ]
    first_job = _("Første jobb etter fullføring.")
    tables["stillingsprosent"] = b.distribution(
        "stillingsprosent", _("Stillingsprosent i første jobb"), _("Stillingsprosent"),
        "band", bands, c.GOT_JOB, first_job,
    )  # fmt: skip
    kinds = [(k, str(JobKind(k).label)) for k in JobKind.values] + [("", _("Ikke registrert"))]
    tables["ansettelse"] = b.distribution(
        "ansettelse", _("Fast, midlertidig eller prosjekt"), _("Type ansettelse"),
        "kind", kinds, c.GOT_JOB, first_job,
    )  # fmt: skip
    sources = [(s, str(FundingSource(s).label)) for s in FundingSource.values]
    sources.append(("none", _("Ingen finansiering registrert")))
    tables["finansiering"] = b.distribution(
        "finansiering", _("Finansiering av første jobb"), _("Kilde"), "source", sources,
        c.GOT_JOB,
        _("Ved oppstart i første jobb. En stilling kan ha flere kilder, så summen kan bli "
          "større enn antallet."),
    )  # fmt: skip
    benefits = [(v, str(Benefit(v).label)) for v in Benefit.values]
    tables["ytelser"] = b.distribution(
        "ytelser", _("Lønn i kombinasjon med ytelse"), _("Ytelse"), "benefit", benefits,
        c.GOT_JOB, first_job,
    )  # fmt: skip
    return b, tables
