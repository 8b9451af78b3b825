"""Counts per (measure, dimension, member), the equations that link them, and which are
published. Built in Python from the groups `rows.py` and `completers.py` count in the
database: the loops here run over cells, never over people.

Dimensions: the whole population (ALL), programme, cohort, year (the cohort's start year),
county and municipality (the participant's home). A cell's key is (measure, dimension, member).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from brobygger.employment.models import Benefit, FundingSource, JobKind
from brobygger.enrolments.models import EndingReason, Status
from brobygger.followup.rules import FollowUpStatus
from brobygger.outcomes.figures.completers import Completers
from brobygger.outcomes.figures.dimensions import (
    ALL,
    COHORT,
    COUNTY,
    DIMENSIONS,
    MUNICIPALITY,
    PROGRAMME,
    YEAR,
)
from brobygger.outcomes.figures.rows import Enrolments
from brobygger.outcomes.suppression import Equation

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
    # Median days from completion to the first job, and how many first jobs are behind it,
    # per (dimension, member).
    medians: dict[tuple[str, str], tuple[Decimal, int]] = field(default_factory=dict)
    equations: list[Equation] = field(default_factory=list)
    published: set[Key] = field(default_factory=set)
    public: set[Key] = field(default_factory=set)
    # cohort -> (programme, year); municipality -> county; cohort -> programme name.
    cohort_parents: dict[str, tuple[str, str]] = field(default_factory=dict)
    county_of: dict[str, str] = field(default_factory=dict)
    programme_name_of: dict[str, str] = field(default_factory=dict)

    def get(self, measure: str, dim: str = ALL, member: str = "") -> int:
        return self.values.get((measure, dim, member), 0)


def build_cube(enrolments: Enrolments, completers: Completers) -> Cube:
    cube = Cube()
    sort_keys: dict[tuple[str, str], tuple[object, ...]] = {}
    members = _sides(cube, sort_keys, enrolments)
    for g in enrolments.counted:
        on = members[(g.side, g.member)]
        counts = {
            APPLIED: True,
            ADMITTED: g.admitted,
            STARTED: g.started,
            COMPLETED: g.status == Status.FULLFORT,
            DISCONTINUED: g.status == Status.AVBRUTT,
            ONGOING: g.started and g.status not in (Status.FULLFORT, Status.AVBRUTT),
        }
        for measure, counted in counts.items():
            if counted:
                _add(cube, measure, on, g.n)
        if g.status == Status.AVBRUTT and g.side == COHORT:
            cube.values[(f"reason:{g.reason}", ALL, "")] += g.n
    for c in completers.groups:
        _follow_up(cube, members[(c.side, c.member)], c.states, c.got_job, c.n)
    _first_jobs(cube, completers)
    _order(cube, sort_keys)
    _complete(cube)
    return cube


def _sides(
    cube: Cube, sort_keys: dict[tuple[str, str], tuple[object, ...]], enrolments: Enrolments
) -> dict[tuple[str, str], dict[str, str]]:
    """The members a cohort's or a home's count is added to, and their labels and order."""
    members: dict[tuple[str, str], dict[str, str]] = {}
    for cohort, c in enrolments.cohorts.items():
        year = str(c.start.year)
        programme = str(c.programme)
        members[(COHORT, cohort)] = {ALL: "", PROGRAMME: programme, COHORT: cohort, YEAR: year}
        entries = {
            PROGRAMME: (programme, c.programme_name, (c.programme_name, c.programme)),
            COHORT: (cohort, c.name, (c.start, c.name, int(cohort))),
            YEAR: (year, year, (year,)),
        }
        cube.programme_name_of[cohort] = c.programme_name
        cube.cohort_parents[cohort] = (programme, year)
        _labels(cube, sort_keys, entries)
    for place, p in enrolments.places.items():
        members[(MUNICIPALITY, place)] = {COUNTY: p.county, MUNICIPALITY: place}
        entries = {
            COUNTY: (p.county, p.county_name, (p.county == "", p.county)),
            MUNICIPALITY: (place, p.name, (place == "", p.name)),
        }
        cube.county_of[place] = p.county
        _labels(cube, sort_keys, entries)
    return members


def _labels(
    cube: Cube,
    sort_keys: dict[tuple[str, str], tuple[object, ...]],
    entries: Mapping[str, tuple[str, str, tuple[object, ...]]],
) -> None:
    for dim, (member, label, sort_key) in entries.items():
        cube.labels[(dim, member)] = label
        sort_keys[(dim, member)] = sort_key


def _add(cube: Cube, measure: str, members: dict[str, str], n: int) -> None:
    for dim, member in members.items():
        cube.values[(measure, dim, member)] += n


FOLLOW_UP_MEASURES = (
    (6, FOLLOWED6, NOT_FOLLOWED6, EMPLOYED6),
    (12, FOLLOWED12, NOT_FOLLOWED12, EMPLOYED12),
)


def _follow_up(
    cube: Cube, members: dict[str, str], states: dict[int, str], got_job: bool, n: int
) -> None:
    """Followed up and in work 6 and 12 months after completion, from the recorded answers
    (`followup.rules`, ADR 0016), and whether they got a job after completing."""
    for months, followed, not_followed, employed in FOLLOW_UP_MEASURES:
        status = FollowUpStatus(states[months])
        if status.answered:
            _add(cube, followed, members, n)
            if status.employed:
                _add(cube, employed, members, n)
        elif status.missing:
            _add(cube, not_followed, members, n)
    if got_job:
        _add(cube, GOT_JOB, members, n)


def _first_jobs(cube: Cube, completers: Completers) -> None:
    """The first job's percent band, kind, benefit and funding (whole population only), and
    the median days to it per member."""
    for (percent, kind, benefit), n in completers.first_jobs.items():
        cube.values[(f"band:{band(percent)}", ALL, "")] += n
        cube.values[(f"kind:{kind if kind in KINDS else ''}", ALL, "")] += n
        cube.values[(f"benefit:{benefit}", ALL, "")] += n
    for source, n in completers.sources.items():
        cube.values[(f"source:{source}", ALL, "")] += n
    cube.medians.update(completers.medians)


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
