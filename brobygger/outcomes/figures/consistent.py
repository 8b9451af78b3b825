"""One suppression pattern per scope (issue 12, ADR 0010 amendment): a filtered view shows
nothing that the scope's unfiltered figures do not already show.

Suppressing each view on its own lets a reader subtract two views (Vestland minus Vestland
without Bergen) and recover a small count that neither view shows. So the pattern is computed
once, on the scope's unfiltered cube (the "master"), and every cell of a filtered view takes
its state from it:

- A view cell counts the people of some cohorts (K) living in some municipalities (U). When U
  is every municipality, the cell is a sum of master cells over cohorts: one programme, a
  year, several of either, or single cohorts. When K is every cohort, likewise over counties
  or municipalities. Such a cell is shown when, in some way of writing it as a sum, every
  master cell of the sum is shown: its value then follows from what is shown anyway. Written
  as one master cell, it takes that cell's state ("<5" stays "<5").
- A cell that crosses the two (a cohort within one county, the reasons for leaving within
  one programme) is in no master cell: it is hidden ("x"). A reader can work out nothing from
  it that the master does not give.

So every shown number in every view is a sum of numbers shown in the master, whose pattern is
audited (`suppression`): no pair or set of views can give away a small count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from brobygger.outcomes.figures.cube import (
    ALL,
    COHORT,
    COUNTY,
    MUNICIPALITY,
    PROGRAMME,
    YEAR,
    Cube,
    Key,
)
from brobygger.outcomes.filters import Filters
from brobygger.outcomes.suppression import State

Members = frozenset[str]


class _Hierarchy:
    """One side of the cube: cohorts under programmes and years, or municipalities under
    counties. `groups` are the master's margins on this side, by dimension."""

    def __init__(self, leaf: str, groups: dict[str, dict[str, set[str]]]) -> None:
        self.leaf = leaf
        self.groups = {dim: {m: frozenset(s) for m, s in g.items()} for dim, g in groups.items()}
        self.everyone: Members = frozenset(
            {x for g in groups.values() for s in g.values() for x in s}
        )

    def members_of(self, dim: str, member: str) -> Members:
        if dim == self.leaf:
            return frozenset({member})
        return self.groups[dim].get(member, frozenset())

    def sums(self, chosen: Members) -> Iterable[list[tuple[str, str]]]:
        """The ways to write `chosen` as a sum of master cells on this side, coarsest first."""
        if chosen == self.everyone:
            yield [(ALL, "")]
        for dim, groups in self.groups.items():
            inside = [m for m, s in groups.items() if s and s <= chosen]
            if frozenset().union(*(groups[m] for m in inside)) == chosen:
                yield [(dim, m) for m in sorted(inside)]
        yield [(self.leaf, m) for m in sorted(chosen)]


def _hierarchies(master: Cube) -> tuple[_Hierarchy, _Hierarchy]:
    programmes: dict[str, set[str]] = defaultdict(set)
    years: dict[str, set[str]] = defaultdict(set)
    for cohort in master.members.get(COHORT, []):
        programme, year = master.cohort_parents[cohort]
        programmes[programme].add(cohort)
        years[year].add(cohort)
    counties: dict[str, set[str]] = defaultdict(set)
    for municipality in master.members.get(MUNICIPALITY, []):
        counties[master.county_of[municipality]].add(municipality)
    return (
        _Hierarchy(COHORT, {PROGRAMME: dict(programmes), YEAR: dict(years)}),
        _Hierarchy(MUNICIPALITY, {COUNTY: dict(counties)}),
    )


def _filtered(cohorts: _Hierarchy, places: _Hierarchy, master: Cube, f: Filters) -> tuple[
    Members, Members
]:  # fmt: skip
    """The cohorts and municipalities the filters keep."""
    kept = set(cohorts.everyone)
    if f.programme:
        kept &= cohorts.members_of(PROGRAMME, str(f.programme))
    if f.year_from or f.year_to:
        low, high = f.year_from or 0, f.year_to or 10_000
        kept = {k for k in kept if low <= int(master.cohort_parents[k][1]) <= high}
    towns = set(places.everyone)
    if f.county:
        towns &= places.members_of(COUNTY, f.county)
    if f.municipality:
        towns &= {f.municipality}
    return frozenset(kept), frozenset(towns)


def view_states(
    master: Cube, master_states: Mapping[Key, State], view: Cube, filters: Filters
) -> dict[Key, State]:
    """The state of every published cell of `view` (the scope's cube under `filters`), from
    the pattern of `master` (the same scope's cube unfiltered)."""
    cohorts, places = _hierarchies(master)
    kept_cohorts, kept_towns = _filtered(cohorts, places, master, filters)
    states: dict[Key, State] = {}
    for key in view.published:
        measure, dim, member = key
        k, u = kept_cohorts, kept_towns
        if dim in (PROGRAMME, YEAR, COHORT):
            k = k & cohorts.members_of(dim, member)
        elif dim in (COUNTY, MUNICIPALITY):
            u = u & places.members_of(dim, member)
        states[key] = _state(measure, k, u, cohorts, places, master_states)
    return states


def _state(
    measure: str,
    k: Members,
    u: Members,
    cohorts: _Hierarchy,
    places: _Hierarchy,
    master_states: Mapping[Key, State],
) -> State:
    if not k or not u:
        return State.SHOWN  # nobody can be in it: 0, and everyone can see that
    if u == places.everyone:
        ways = cohorts.sums(k)
    elif k == cohorts.everyone:
        ways = places.sums(u)
    else:
        return State.SECONDARY  # crosses cohorts and places: in no master cell
    single: State | None = None
    for way in ways:
        parts = [master_states.get((measure, dim, member)) for dim, member in way]
        if any(state is None for state in parts):
            continue  # not published in the master (a breakdown given for the whole only)
        if all(state == State.SHOWN for state in parts):
            return State.SHOWN
        if len(parts) == 1 and single is None:
            single = parts[0]
    return single or State.SECONDARY
