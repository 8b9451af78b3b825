"""Small-count suppression: the one place pages, exports and the `kpis` command hide counts.

The figures are count cells linked by equations (a total equals the sum of its parts: a county
equals its municipalities, "started" equals completed + discontinued + ongoing, ...).

1. Primary: every published count from 1 to 4 is hidden and shown as "<5".
2. Secondary: a reader knows the shown cells, the equations, that a "<5" lies in 1..4 and that
   an "x" is some count (0 or more). Propagating those bounds through every equation
   (`audit.Problem.propagate`), they narrow each hidden cell to an interval. While the interval
   of some small count is a single value, more cells are hidden: the cheapest that free it
   (`costed.py`, ADR 0010 amendment): small siblings before margins, a county total only when
   its municipalities cannot do it, a national total only as the last resort. Every 0 counts
   as known (a reader guesses it), so a hidden 0 never stands in for protection. `legacy.py`
   is the earlier rule, which over-hid; `bench_outcomes` prints both for comparison.

Cells that exist only inside an equation (e.g. applied − admitted) are never published; they
enter the bounds as unknowns in [0, ∞). Cells the reader can know without us (e.g. how many
completers are not yet 6 months past completion: that follows from the dates) are `public`:
known exactly, never hidden. Bounds propagation is sound but not complete (it is not a full
linear-programming audit); ADR 0010 records that and the other limits.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from brobygger.outcomes.suppression import costed, legacy
from brobygger.outcomes.suppression.audit import (
    HIDDEN,
    INF,
    SMALL,
    THRESHOLD,
    Equation,
    Problem,
    State,
    display,
    is_small,
)

__all__ = [
    "HIDDEN",
    "INF",
    "SMALL",
    "THRESHOLD",
    "Equation",
    "State",
    "display",
    "is_small",
    "suppress",
]


def suppress(
    values: Mapping[Any, int],
    published: Iterable[Any],
    equations: Sequence[Equation],
    public: Iterable[Any] = (),
    *,
    legacy_rule: bool = False,
) -> dict[Any, State]:
    """The state of every published cell. `values` holds every cell named in an equation.

    Both ways of choosing secondary cells run, and the one that hides fewer counts of five or
    more wins (the cost-based one on a tie): neither is best on every cube (the cost-based one
    on the demo, the earlier one on some large counties). A result that still leaves a small
    count pinned is never used; if both did, every shown cell is hidden (fail closed).
    `legacy_rule`: the earlier rule only, for the benchmark's comparison."""
    # Many small lists and tuples, none of them cyclic: the cyclic collector would only rescan
    # the caller's objects again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        args = (values, set(published), equations, set(public))
        rules: list[Problem] = [legacy.LegacyProblem(*args)]
        if not legacy_rule:
            rules.insert(0, costed.CostedProblem(*args, weight=costed.cube_weight))
        sound = []
        for problem in rules:
            problem.run()
            if not problem.pinned(*problem.propagate()):
                sound.append(problem)
        if sound:
            best = min(sound, key=_hidden_counts)
        else:
            best = rules[0]
            for i in best.published:
                if best.state[i] == State.SHOWN and not best.is_public[i]:
                    best.state[i] = State.SECONDARY
    finally:
        if collecting:
            gc.enable()
    return {best.keys[i]: best.state[i] for i in best.published}


def _hidden_counts(problem: Problem) -> int:
    return sum(
        1
        for i in problem.published
        if problem.value[i] >= THRESHOLD and problem.state[i] != State.SHOWN
    )
