"""Counts per (measure, dimension, member), the equations that link them, and which are
published. Built in Python from the few compact rows `rows.py` fetches.

Dimensions: the whole population (ALL), programme, cohort, year (the cohort's start year),
county and municipality (the participant's home). A cell's key is (measure, dimension, member).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from brobygger.employment.models import Benefit, FundingSource, JobKind
from brobygger.enrolments.models import EndingReason, Status
from brobygger.followup.rules import due_on, followup_status
from brobygger.outcomes.figures.rows import Completer, Group, Job
from brobygger.outcomes.suppression import Equation

ALL, PROGRAMME, COHORT, YEAR, COUNTY, MUNICIPALITY = (
    "alle",
    "program",
    "kull",
    "ar",
    "fylke",
    "kommune",
)
DIMENSIONS = (PROGRAMME, COHORT, YEAR, COUNTY, MUNICIPALITY)

# Published per member of every dimension.
APPLIED, ADMITTED, STARTED = "applied", "admitted", "started"
COMPLETED, DISCONTINUED, ONGOING = "completed", "discontinued", "ongoing"
FOLLOWED6, EMPLOYED6, FOLLOWED12, EMPLOYED12 = "followed6", "employed6", "followed12", "employed12"
NOT_FOLLOWED6, NOT_FOLLOWED12 = "not_followed6", "not_followed12"
GOT_JOB = "got_job"
FUNNEL = (
    APPLIED,
    ADMITTED,
    STARTED,
    COMPLETED,
    DISCONTINUED,
    ONGOING,
    FOLLOWED6,
    NOT_FOLLOWED6,
    EMPLOYED6,
    FOLLOWED12,
    NOT_FOLLOWED12,
    EMPLOYED12,
    GOT_JOB,
)
# Each published total = published parts + one never-published remainder.
MEMBER_EQUATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (APPLIED, (ADMITTED, "_not_admitted")),
    (ADMITTED, (STARTED, "_not_started")),
    (STARTED, (COMPLETED, DISCONTINUED, ONGOING)),
    (COMPLETED, (FOLLOWED6, NOT_FOLLOWED6, "_pending6")),
    (FOLLOWED6, (EMPLOYED6, "_unemployed6")),
    (COMPLETED, (FOLLOWED12, NOT_FOLLOWED12, "_pending12")),
    (FOLLOWED12, (EMPLOYED12, "_unemployed12")),
    (COMPLETED, (GOT_JOB, "_no_job")),
)

# Not published, but a reader can work them out from the dates (completers too recent to be
# followed up yet): suppression treats them as known.
PUBLIC = ("_pending6", "_pending12")

# Breakdowns published for the whole population only (ALL).
REASONS = tuple(EndingReason.values) + ("",)
BANDS = ("under50", "50", "51-79", "80-99", "100", "")
KINDS = tuple(JobKind.values) + ("",)
BENEFITS = tuple(Benefit.values)
SOURCES = tuple(FundingSource.values) + ("none",)

Key = tuple[str, str, str]


def band(percent: int | None) -> str:
    if percent is None:
        return ""
    if percent < 50:
        return "under50"
    if percent == 50:
        return "50"
    if percent < 80:
        return "51-79"
    return "80-99" if percent < 100 else "100"


@dataclass
class Cube:
    values: dict[Key, int] = field(default_factory=lambda: defaultdict(int))
    # Members of each dimension in display order, and their labels.
    members: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)
    # Days from completion to the first job, per (dimension, member).
    days: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    equations: list[Equation] = field(default_factory=list)
    published: set[Key] = field(default_factory=set)
    public: set[Key] = field(default_factory=set)
    # cohort -> (programme, year); municipality -> county; cohort -> programme name.
    cohort_parents: dict[str, tuple[str, str]] = field(default_factory=dict)
    county_of: dict[str, str] = field(default_factory=dict)
    programme_name_of: dict[str, str] = field(default_factory=dict)

    def get(self, measure: str, dim: str = ALL, member: str = "") -> int:
        return self.values.get((measure, dim, member), 0)


def build_cube(
    groups: list[Group], completers: list[Completer], jobs: dict[int, list[Job]], today: dt.date
) -> Cube:
    cube = Cube()
    of_cohort: dict[int, dict[str, str]] = {}
    of_municipality: dict[str, str] = {}
    sort_keys: dict[tuple[str, str], tuple[object, ...]] = {}
    for g in groups:
        members = _members(g)
        of_cohort[g.cohort] = members
        of_municipality[g.municipality] = g.county
        _label(cube, sort_keys, g, members)
        started = g.started
        counts = {
            APPLIED: True,
            ADMITTED: g.admitted,
            STARTED: started,
            COMPLETED: g.status == Status.FULLFORT,
            DISCONTINUED: g.status == Status.AVBRUTT,
            ONGOING: started and g.status not in (Status.FULLFORT, Status.AVBRUTT),
        }
        for measure, counted in counts.items():
            if counted:
                _add(cube, measure, members, g.n)
        if g.status == Status.AVBRUTT:
            cube.values[(f"reason:{g.reason}", ALL, "")] += g.n
    for c in completers:
        if c.cohort not in of_cohort:  # pragma: no cover - same population as the groups
            continue
        members = {**of_cohort[c.cohort], MUNICIPALITY: c.municipality}
        members[COUNTY] = of_municipality.get(c.municipality, "")
        _follow_up(cube, members, c, jobs.get(c.participant, []), today)
    _order(cube, sort_keys)
    _complete(cube)
    return cube


def _members(g: Group) -> dict[str, str]:
    return {
        ALL: "",
        PROGRAMME: str(g.programme),
        COHORT: str(g.cohort),
        YEAR: str(g.cohort_start.year),
        COUNTY: g.county,
        MUNICIPALITY: g.municipality,
    }


def _label(
    cube: Cube, sort_keys: dict[tuple[str, str], tuple[object, ...]], g: Group, m: dict[str, str]
) -> None:
    entries = {
        PROGRAMME: (g.programme_name, (g.programme_name, g.programme)),
        COHORT: (g.cohort_name, (g.cohort_start, g.cohort_name, g.cohort)),
        YEAR: (m[YEAR], (m[YEAR],)),
        COUNTY: (g.county_name, (g.county == "", g.county)),
        MUNICIPALITY: (g.municipality_name, (g.municipality == "", g.municipality_name)),
    }
    for dim, (label, sort_key) in entries.items():
        cube.labels[(dim, m[dim])] = label
        sort_keys[(dim, m[dim])] = sort_key
    cube.programme_name_of[m[COHORT]] = g.programme_name
    cube.cohort_parents[m[COHORT]] = (m[PROGRAMME], m[YEAR])
    cube.county_of[m[MUNICIPALITY]] = m[COUNTY]


def _add(cube: Cube, measure: str, members: dict[str, str], n: int) -> None:
    for dim, member in members.items():
        cube.values[(measure, dim, member)] += n


FOLLOW_UP_MEASURES = (
    (6, FOLLOWED6, NOT_FOLLOWED6, EMPLOYED6),
    (12, FOLLOWED12, NOT_FOLLOWED12, EMPLOYED12),
)


def _follow_up(
    cube: Cube, members: dict[str, str], c: Completer, jobs: list[Job], today: dt.date
) -> None:
    """Followed up and in work 6 and 12 months after completion, from the recorded answers
    (`followup.rules`, ADR 0016); and the first job held after completion, from the
    employment records: the earliest that had not ended by then."""
    for months, followed, not_followed, employed in FOLLOW_UP_MEASURES:
        status = followup_status(
            due_on=due_on(c.completed_on, months), employed=c.answers.get(months), today=today
        )
        if status.answered:
            _add(cube, followed, members, 1)
            if status.employed:
                _add(cube, employed, members, 1)
        elif status.missing:
            _add(cube, not_followed, members, 1)
    first = next(
        (j for j in jobs if (j.end is None or j.end >= c.completed_on) and j.start <= today),
        None,
    )
    if first is None:
        return
    _add(cube, GOT_JOB, members, 1)
    for dim, member in members.items():
        cube.days[(dim, member)].append(max(0, (first.start - c.completed_on).days))
    on = max(first.start, c.completed_on)
    cube.values[(f"band:{band(first.percent_on(on))}", ALL, "")] += 1
    cube.values[(f"kind:{first.kind if first.kind in KINDS else ''}", ALL, "")] += 1
    cube.values[(f"benefit:{first.benefit}", ALL, "")] += 1
    sources = first.sources_on(on) or {"none"}
    for source in sources:
        cube.values[(f"source:{source}", ALL, "")] += 1


def _order(cube: Cube, sort_keys: dict[tuple[str, str], tuple[object, ...]]) -> None:
    for dim in DIMENSIONS:
        found = [member for (d, member) in sort_keys if d == dim]
        cube.members[dim] = sorted(found, key=lambda m, d=dim: sort_keys[(d, m)])  # type: ignore[misc]
    cube.members[ALL] = [""]


def _complete(cube: Cube) -> None:
    """Zeros for every published cell, the never-published remainders, and the equations."""
    for dim in (ALL, *DIMENSIONS):
        for member in cube.members[dim]:
            for measure in FUNNEL:
                cube.published.add((measure, dim, member))
                cube.values.setdefault((measure, dim, member), 0)
            for total, parts in MEMBER_EQUATIONS:
                _equation(cube, (total, dim, member), [(p, dim, member) for p in parts])
            cube.public.update((m, dim, member) for m in PUBLIC)
            # A 0 is what a reader guesses (nobody still taking part in a cohort that has
            # ended, nobody completed in one that runs): hiding it protects nothing, so the
            # audit counts every 0 as known.
            cube.public.update(
                (m, dim, member) for m in FUNNEL if cube.values[(m, dim, member)] == 0
            )
    for prefix, categories, total in (
        ("reason", REASONS, DISCONTINUED),
        ("band", BANDS, GOT_JOB),
        ("kind", KINDS, GOT_JOB),
        ("benefit", BENEFITS, GOT_JOB),
    ):
        keys = [(f"{prefix}:{c}", ALL, "") for c in categories]
        cube.published.update(keys)
        _equation(cube, (total, ALL, ""), keys)
    for source in SOURCES:  # a job can have several sources: one equation each
        key = (f"source:{source}", ALL, "")
        cube.published.add(key)
        _equation(cube, (GOT_JOB, ALL, ""), [key, (f"_source:{source}", ALL, "")])
    for measure in FUNNEL:
        _hierarchy(cube, measure)


def _equation(cube: Cube, total: Key, parts: Iterable[Key]) -> None:
    """Add total = sum(parts), filling a never-published remainder (prefix "_") by subtraction."""
    parts = list(parts)
    for part in parts:
        if part[0].startswith("_"):
            known = sum(cube.values.get(p, 0) for p in parts if p != part)
            cube.values[part] = cube.values.get(total, 0) - known
        cube.values.setdefault(part, 0)
    cube.equations.append(Equation(total, tuple(parts)))


def _hierarchy(cube: Cube, measure: str) -> None:
    whole: Key = (measure, ALL, "")
    for dim in (PROGRAMME, YEAR, COUNTY):
        _equation(cube, whole, [(measure, dim, m) for m in cube.members[dim]])
    children: dict[tuple[str, str], list[Key]] = defaultdict(list)
    for cohort in cube.members[COHORT]:
        programme, year = cube.cohort_parents[cohort]
        children[(PROGRAMME, programme)].append((measure, COHORT, cohort))
        children[(YEAR, year)].append((measure, COHORT, cohort))
    for municipality in cube.members[MUNICIPALITY]:
        county = cube.county_of[municipality]
        children[(COUNTY, county)].append((measure, MUNICIPALITY, municipality))
    for (dim, member), parts in children.items():
        _equation(cube, (measure, dim, member), parts)
