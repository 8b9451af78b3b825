"""Small-count suppression: the one place pages, exports and the `kpis` command hide counts.

The figures are count cells linked by equations (a total equals the sum of its parts: a county
equals its municipalities, "started" equals completed + discontinued + ongoing, ...).

1. Primary: every published count from 1 to 4 is hidden and shown as "<5".
2. Secondary: a reader knows the shown cells, the equations, that a "<5" lies in 1..4 and that
   an "x" is some count (0 or more). Propagating those bounds through every equation
   (`audit.Problem.propagate`), they narrow each hidden cell to an interval. While the interval
   of some small count is a single value, more cells are hidden. Which ones is a matter of
   cost (`costed.py`, ADR 0010 and 0017): the cheapest cells that free the small count, small
   siblings before totals and margins, a county total only when its municipalities cannot do
   it, a national total practically never. `legacy.py` is the earlier rule (kept for
   `bench_outcomes --compare`), which over-hid.

Cells that exist only inside an equation (e.g. applied − admitted) are never published; they
enter the bounds as unknowns in [0, ∞). Cells the reader can know without us (e.g. how many
completers are not yet 6 months past completion: that follows from the dates) are `public`:
known exactly, never hidden. Bounds propagation is sound but not complete (it is not a full
linear-programming audit); ADR 0010 records that and the other limits.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

from brobygger.outcomes.suppression import costed, legacy  # noqa: E402  (after the names above)
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
    "Method",
    "State",
    "display",
    "is_small",
    "pinned",
    "suppress",
]

# "cost": the cost-based secondary suppression (not yet the default: see ADR 0010 and the
# report of issue 12); "legacy": the earlier rule; "primary": no
# secondary suppression at all (unsafe: only for tests and the benchmark's comparison).
Method = Literal["cost", "legacy", "primary"]


def suppress(
    values: Mapping[Any, int],
    published: Iterable[Any],
    equations: Sequence[Equation],
    public: Iterable[Any] = (),
    *,
    method: Method = "legacy",
    weight: Callable[[Any, int], float] | None = None,
) -> dict[Any, State]:
    """The state of every published cell. `values` holds every cell named in an equation.
    `weight(key, value)` prices hiding a shown cell (default: `costed.cube_weight`)."""
    # Many small lists and tuples, none of them cyclic: the cyclic collector would only rescan
    # the caller's objects again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        args = (values, set(published), equations, set(public))
        problem: Problem
        if method == "cost":
            problem = costed.CostedProblem(*args, weight=weight or costed.cube_weight)
        elif method == "legacy":
            problem = legacy.LegacyProblem(*args)
        else:
            problem = Problem(*args)
        problem.run()
    finally:
        if collecting:
            gc.enable()
    return {problem.keys[i]: problem.state[i] for i in problem.published}


def pinned(
    values: Mapping[Any, int],
    states: Mapping[Any, State],
    equations: Sequence[Equation],
    public: Iterable[Any] = (),
) -> dict[Any, int]:
    """The audit on its own: the small counts a reader can pin to one value, given `states`
    (what is shown), with the value they are pinned to. Empty when the pattern is sound."""
    problem = Problem(values, set(states), equations, set(public))
    for i in problem.published:
        problem.state[i] = states[problem.keys[i]]
    lo, hi = problem.propagate()
    return {problem.keys[i]: problem.value[i] for i in problem.pinned(lo, hi)}
