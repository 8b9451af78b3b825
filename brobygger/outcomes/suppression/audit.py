"""What the reader knows and can work out: the cells, their states, and bounds propagated
through every equation. Shared by the ways of choosing secondary cells (`costed`, `legacy`);
on its own (`Problem.run`) it hides the small counts and nothing else."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

THRESHOLD = 5  # counts 1..THRESHOLD-1 are hidden
SMALL = "<5"
HIDDEN = "x"
INF = math.inf


class State(StrEnum):
    SHOWN = "shown"
    PRIMARY = "primary"  # a count from 1 to 4, shown as "<5"
    SECONDARY = "secondary"  # hidden so that no "<5" can be worked out, shown as "x"


@dataclass(frozen=True)
class Equation:
    total: Any
    parts: tuple[Any, ...]


def display(value: int, state: State) -> str:
    if state == State.PRIMARY:
        return SMALL
    if state == State.SECONDARY:
        return HIDDEN
    return str(value)


def is_small(value: int) -> bool:
    return 0 < value < THRESHOLD


class Problem:
    """The cells by index, their states, the equations, and the reader's inference."""

    def __init__(
        self,
        values: Mapping[Any, int],
        published: set[Any],
        eqs: Sequence[Equation],
        public: set[Any],
    ) -> None:
        self.keys: list[Any] = list(values)
        index = {k: i for i, k in enumerate(self.keys)}
        self.value = [values[k] for k in self.keys]
        self.published = sorted(index[k] for k in published)
        self.is_published = [False] * len(self.keys)
        for i in self.published:
            self.is_published[i] = True
        self.is_public = [k in public for k in self.keys]
        # A published count from 1 to 4: must never be worked out, whatever its marker.
        self.sensitive = [self.is_published[i] and is_small(v) for i, v in enumerate(self.value)]
        self.eqs: list[tuple[int, list[int]]] = [
            (index[e.total], [index[p] for p in e.parts]) for e in eqs
        ]
        self.eqs_of: list[list[int]] = [[] for _ in self.keys]
        for n, (total, parts) in enumerate(self.eqs):
            for i in (total, *parts):
                self.eqs_of[i].append(n)
        self.state = [State.PRIMARY if s else State.SHOWN for s in self.sensitive]

    def run(self) -> None:
        """Primary suppression only (set in __init__): unsafe on its own."""

    def pinned(self, lo: list[float], hi: list[float]) -> list[int]:
        """The small counts the reader can work out to one value."""
        return [i for i in self.published if self.sensitive[i] and lo[i] == hi[i]]

    # What the reader knows of each cell.

    def _unknown(self, i: int) -> bool:
        if self.is_public[i]:
            return False
        return not self.is_published[i] or self.state[i] != State.SHOWN

    def _base(self, i: int) -> tuple[float, float]:
        if not self._unknown(i):
            return self.value[i], self.value[i]
        if self.state[i] == State.PRIMARY:
            return 1, THRESHOLD - 1
        return 0, INF

    def _hideable(self, i: int) -> bool:
        return self.is_published[i] and not self.is_public[i] and self.state[i] == State.SHOWN

    # The reader's inference across all equations.

    def propagate(self) -> tuple[list[float], list[float]]:
        """Bounds on every cell, tightened through all equations until nothing changes.
        Known cells are folded into a constant per equation so only unknowns are visited."""
        size = len(self.keys)
        bounds = [self._base(i) for i in range(size)]
        lo = [b[0] for b in bounds]
        hi = [b[1] for b in bounds]
        reduced: list[tuple[int, float, list[int]]] = []
        eqs_of: list[list[int]] = [[] for _ in range(size)]
        for total, parts in self.eqs:
            unknown = [p for p in parts if lo[p] != hi[p]]
            if not unknown and lo[total] == hi[total]:
                continue
            known = sum(lo[p] for p in parts if lo[p] == hi[p])
            n = len(reduced)
            reduced.append((total, known, unknown))
            for i in (total, *unknown):
                eqs_of[i].append(n)
        queue = deque(range(len(reduced)))
        queued = [True] * len(reduced)
        while queue:
            n = queue.popleft()
            queued[n] = False
            total, known, parts = reduced[n]
            for i in tighten(total, known, parts, lo, hi):
                for m in eqs_of[i]:
                    if not queued[m]:
                        queued[m] = True
                        queue.append(m)
        return lo, hi

    _propagate = propagate


def others_hi(own_hi: float, unbounded: int, finite_hi: float) -> float:
    """The most the other parts can hold, given the parts' totals (no inf - inf)."""
    if own_hi == INF:
        return INF if unbounded > 1 else finite_hi
    return INF if unbounded else finite_hi - own_hi


def tighten(
    total: int, known: float, parts: list[int], lo: list[float], hi: list[float]
) -> list[int]:
    """One pass of total = known + sum(parts) over the bounds; returns the cells narrowed.
    Sums are taken before the pass: later parts use looser sums, still sound, and the worklist
    brings the equation back when anything changed."""
    changed = []
    sum_lo = known + sum(lo[p] for p in parts)
    unbounded = sum(1 for p in parts if hi[p] == INF)
    finite_hi = known + sum(hi[p] for p in parts if hi[p] != INF)
    new_lo = max(lo[total], sum_lo)
    new_hi = min(hi[total], INF if unbounded else finite_hi)
    if (new_lo, new_hi) != (lo[total], hi[total]):
        lo[total], hi[total] = new_lo, new_hi
        changed.append(total)
    for p in parts:
        p_lo = max(lo[p], lo[total] - others_hi(hi[p], unbounded, finite_hi))
        p_hi = min(hi[p], hi[total] - (sum_lo - lo[p]))
        if (p_lo, p_hi) != (lo[p], hi[p]):
            lo[p], hi[p] = p_lo, p_hi
            changed.append(p)
    return changed


def iter_cells(eq: tuple[int, list[int]]) -> Iterable[int]:
    total, parts = eq
    yield total
    yield from parts
