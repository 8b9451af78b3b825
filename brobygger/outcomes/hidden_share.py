"""How much suppression hides: the share of published counts of five or more that are hidden,
under the cost-based rule in use and under the earlier rule (issue 12). Printed by
`bench_outcomes`; computed on the unfiltered cube of each suppressed scope, the pattern every
view of that scope takes its states from."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from brobygger.outcomes.figures import outcome_cube
from brobygger.outcomes.figures.cube import FUNNEL
from brobygger.outcomes.filters import Filters
from brobygger.outcomes.scope import Scope
from brobygger.outcomes.suppression import THRESHOLD, State, suppress


@dataclass(frozen=True)
class Share:
    cells: int  # published counts of THRESHOLD or more
    hidden: int  # of those, hidden
    ms: float  # time to choose the pattern

    @property
    def percent(self) -> float:
        return 100 * self.hidden / self.cells if self.cells else 0.0


def hidden_shares(scope: Scope, today: dt.date) -> dict[str, Share]:
    """{"before": the earlier rule, "after": the rule in use} on `scope`'s unfiltered cube."""
    cube = outcome_cube(scope=scope, filters=Filters(), today=today)
    big = [k for k in cube.published if cube.values.get(k, 0) >= THRESHOLD]
    shares = {}
    for label, legacy_rule in (("before", True), ("after", False)):
        started = time.perf_counter()
        states = suppress(
            cube.values, cube.published, cube.equations, cube.public, legacy_rule=legacy_rule
        )
        took = (time.perf_counter() - started) * 1000
        hidden = sum(1 for k in big if states[k] != State.SHOWN)
        shares[label] = Share(cells=len(big), hidden=hidden, ms=took)
    return shares


def national_funnel_hidden(scope: Scope, today: dt.date) -> list[str]:
    """The national funnel counts the rule in use hides (the issue: none, on the demo)."""
    cube = outcome_cube(scope=scope, filters=Filters(), today=today)
    states = suppress(cube.values, cube.published, cube.equations, cube.public)
    return [m for m in FUNNEL if states[(m, "alle", "")] != State.SHOWN]
