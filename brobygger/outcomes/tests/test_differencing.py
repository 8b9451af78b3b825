"""No pair of views the analyst can open gives a small count away by subtraction (issue 12).

A small synthetic country: two programmes, three cohorts, two counties, four municipalities.
The test opens the views the filters allow (programme x year x county x municipality, up to
two at once), and
knows, for each cell it is shown, which people the cell counts: a set of (cohort, home
municipality) pairs. Whenever one shown cell's people contain another's (or the other is
nobody), the difference is what a reader learns. If that difference is exactly the people of
a cell some view hides as "<5" or "x" while it holds 1 to 4, the reader has the small count.

With one pattern per scope (`figures.consistent`) nothing comes out; with each view
suppressed on its own (as before), the same attack finds counts, so the test has teeth.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import replace

import pytest

from brobygger.enrolments.models import EndingReason, Status
from brobygger.outcomes import figures as figures_module
from brobygger.outcomes.figures import cube as c
from brobygger.outcomes.figures import outcome_cube, outcome_figures
from brobygger.outcomes.filters import Filters
from brobygger.outcomes.scope import national_scope
from brobygger.outcomes.suppression import suppress
from brobygger.outcomes.tests.factories import TODAY, enrol
from brobygger.testing import make_cohort, make_programme

S = Status
# (completed, discontinued, taking part) per cohort and home municipality.
PEOPLE = {
    ("A", "4601"): (8, 5, 0), ("A", "4627"): (3, 0, 0), ("A", "1103"): (0, 2, 0),
    ("B", "4601"): (6, 6, 1), ("B", "4627"): (0, 5, 0),
    ("C", "1103"): (9, 5, 0), ("C", "1108"): (2, 6, 0), ("C", "4601"): (1, 0, 0),
}  # fmt: skip
MEASURES = (c.APPLIED, c.STARTED, c.COMPLETED, c.DISCONTINUED, c.ONGOING, c.NOT_FOLLOWED6)

Population = frozenset[tuple[str, str]]


@pytest.fixture
def country(personas):
    bergen = personas.version
    stavanger = make_programme(personas.stavanger)
    cohorts = {
        "A": make_cohort(bergen, start=dt.date(2025, 8, 18)),
        "B": make_cohort(bergen, start=dt.date(2024, 8, 19)),
        "C": make_cohort(stavanger, start=dt.date(2025, 8, 18)),
    }
    for (name, municipality), counts in PEOPLE.items():
        for status, n in zip((S.FULLFORT, S.AVBRUTT, S.DELTAR), counts, strict=True):
            for _ in range(n):
                enrol(cohorts[name], status, municipality=municipality,
                      reason=EndingReason.ILLNESS)  # fmt: skip


def _views(master: c.Cube) -> list[Filters]:
    programmes = [None, *(int(p) for p in master.members[c.PROGRAMME])]
    years = [None, *(int(y) for y in master.members[c.YEAR] if y in ("2024", "2025"))]
    counties = [None, *(m for m in master.members[c.COUNTY] if m)]
    towns = [None, *(m for m in master.members[c.MUNICIPALITY] if m)]
    # Views with at most two filters set (all four at once made the test three times as
    # slow); every pair of them is tried, and every view against the whole country.
    return [
        Filters(programme=p, year_from=y, year_to=y, county=f, municipality=m)
        for p, y, f, m in itertools.product(programmes, years, counties, towns)
        if sum(x is not None for x in (p, y, f, m)) <= 2
    ]


def _micro(master: c.Cube) -> dict[str, dict[tuple[str, str], int]]:
    """The true count per measure, cohort and home municipality (unsuppressed cubes)."""
    scope = replace(national_scope(), suppressed=False)
    micro: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    known = [m for m in master.members[c.MUNICIPALITY] if m]
    for town in known:
        cube = outcome_cube(scope=scope, filters=Filters(municipality=town), today=TODAY.date())
        for measure, cohort in itertools.product(MEASURES, master.members[c.COHORT]):
            micro[measure][(cohort, town)] = cube.get(measure, c.COHORT, cohort)
    for measure, cohort in itertools.product(MEASURES, master.members[c.COHORT]):
        rest = master.get(measure, c.COHORT, cohort)
        micro[measure][(cohort, "")] = rest - sum(micro[measure][(cohort, t)] for t in known)
    return micro


def _population(master: c.Cube, f: Filters, dim: str, member: str, people: set) -> Population:
    """The (cohort, municipality) pairs a cell of view `f` counts."""

    def cohort_ok(k: str) -> bool:
        programme, year = master.cohort_parents[k]
        return (
            (not f.programme or programme == str(f.programme))
            and (not f.year_from or int(year) >= f.year_from)
            and (not f.year_to or int(year) <= f.year_to)
            and (dim != c.PROGRAMME or programme == member)
            and (dim != c.YEAR or year == member)
            and (dim != c.COHORT or k == member)
        )

    def town_ok(u: str) -> bool:
        county = master.county_of.get(u, "")
        return (
            (not f.county or (u != "" and county == f.county))
            and (not f.municipality or u == f.municipality)
            and (dim != c.COUNTY or county == member)
            and (dim != c.MUNICIPALITY or u == member)
        )

    return frozenset((k, u) for k, u in people if cohort_ok(k) and town_ok(u))


def _attack() -> list[tuple[str, int]]:
    scope = national_scope()
    master = outcome_cube(scope=scope, filters=Filters(), today=TODAY.date())
    micro = _micro(master)
    people = {pair for pair, n in micro[c.APPLIED].items() if n > 0}
    shown: dict[str, set[Population]] = defaultdict(set)
    small: dict[str, dict[Population, int]] = defaultdict(dict)
    for f in _views(master):
        figures = outcome_figures(scope=scope, filters=f, today=TODAY.date())
        cells = [(c.ALL, "", dict(zip([k.key for k, _ in figures.kpis],
                                       [x for _, x in figures.kpis], strict=True)))]  # fmt: skip
        for dim in c.DIMENSIONS:
            table = figures.tables[dim]
            keys = [col.key for col in table.columns]
            for row in table.rows:
                member = "" if row.key == "-" else row.key
                cells.append((dim, member, dict(zip(keys, row.cells, strict=True))))
        for dim, member, by_measure in cells:
            population = _population(master, f, dim, member, people)
            for measure in MEASURES:
                cell = by_measure[measure]
                true = sum(micro[measure][pair] for pair in population)
                if not cell.hidden:
                    assert cell.value == true, (f, dim, member, measure)
                    shown[measure].add(population)
                elif 0 < true < 5:
                    small[measure][population] = true
    leaks = []
    for measure, populations in shown.items():
        for a, b in itertools.product(populations, [frozenset(), *populations]):
            if b <= a and (a - b) in small[measure]:
                leaks.append((measure, small[measure][a - b]))
    return leaks


def test_no_two_views_give_a_small_count_away(country):
    assert _attack() == []


def test_views_suppressed_each_on_its_own_do(country, monkeypatch):
    def per_view(cube, **_kwargs):
        return suppress(cube.values, cube.published, cube.equations, cube.public)

    monkeypatch.setattr(figures_module, "_states", per_view)
    leaks = _attack()
    assert (c.COMPLETED, 3) in leaks  # Vestland minus Bergen: Askøy's three completers
