"""Small-count suppression: the one place pages, exports and the `kpis` command hide counts.

The figures are count cells linked by equations (a total equals the sum of its parts: a county
equals its municipalities, "started" equals completed + discontinued + ongoing, ...).

1. Primary: every published count from 1 to 4 is hidden and shown as "<5".
2. Secondary: a reader knows the shown cells, the equations, that a "<5" lies in 1..4 and that
   an "x" is some count (0 or more). Propagating those bounds through every equation, they
   narrow each hidden cell to an interval. While the interval of some hidden small count is a
   single value, we hide one more cell in an equation that pins it: the shown part that leaves
   the fewest other equations exposed (then the smallest), else the shown total, else we turn a
   "<5" in it into an "x" (a total first), and as a last resort hide a shown 0.

Cells that exist only inside an equation (e.g. applied − admitted) are never published; they
enter the bounds as unknowns in [0, ∞). Cells the reader can know without us (e.g. how many
completers are not yet 6 months past completion: that follows from the dates) are `public`:
known exactly, never hidden. Bounds propagation is sound but not complete (it is not a full
linear-programming audit); ADR 0010 records that and the other limits.
"""

from __future__ import annotations

import gc
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


def suppress(
    values: Mapping[Any, int],
    published: Iterable[Any],
    equations: Sequence[Equation],
    public: Iterable[Any] = (),
) -> dict[Any, State]:
    """The state of every published cell. `values` holds every cell named in an equation."""
    # Many small lists and tuples, none of them cyclic: the cyclic collector would only rescan
    # the caller's objects again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        problem = _Problem(values, set(published), equations, set(public))
        problem.run()
    finally:
        if collecting:
            gc.enable()
    return {problem.keys[i]: problem.state[i] for i in problem.published}


class _Problem:
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
        """Cheap local rules first (each equation on its own), then the reader's inference
        across all equations, fixing what it still pins, until nothing is pinned."""
        self._local(range(len(self.eqs)))
        while True:
            lo, hi = self._propagate()
            pinned = [i for i in self.published if self.sensitive[i] and lo[i] == hi[i]]
            if not pinned:
                return
            changed = self._unpin_all(pinned, lo, hi)
            if not changed:
                return  # cannot happen while any cell is still shown: everything is hidden
            self._local({n for j in changed for n in self.eqs_of[j]})

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

    # Local rules.

    def _local(self, eqs: Iterable[int]) -> None:
        """Per equation: no hidden cell may be its only unknown (the classic rule), and no
        small count may be pinned by the equation on its own."""
        queue = deque(eqs)
        queued = set(queue)
        while queue:
            n = queue.popleft()
            queued.discard(n)
            exposed = self._exposed(n)
            if exposed is None:
                continue
            chosen = self._candidate(n, exposed)
            if chosen is None:
                continue
            self.state[chosen] = State.SECONDARY
            for m in (n, *self.eqs_of[chosen]):
                if m not in queued:
                    queued.add(m)
                    queue.append(m)

    def _exposed(self, n: int) -> int | None:
        """A hidden cell that equation n gives away on its own, or None."""
        total, parts = self.eqs[n]
        unknown = [i for i in (total, *parts) if self._unknown(i)]
        if len(unknown) == 1 and self.is_published[unknown[0]]:
            return unknown[0]
        if len(unknown) < 2:
            return None
        t_lo, t_hi = self._base(total)
        bounds = [self._base(p) for p in parts]
        sum_lo = sum(b[0] for b in bounds)
        unbounded = sum(1 for b in bounds if b[1] == INF)
        finite_hi = sum(b[1] for b in bounds if b[1] != INF)
        for i in unknown:
            if not self.sensitive[i]:
                continue
            if i == total:
                low, high = sum_lo, INF if unbounded else finite_hi
            else:
                lo, hi = self._base(i)
                others_hi = _others_hi(hi, unbounded, finite_hi)
                low, high = t_lo - others_hi, t_hi - (sum_lo - lo)
            own_lo, own_hi = self._base(i)
            if max(low, own_lo) >= min(high, own_hi):
                return i
        return None

    def _candidate(self, n: int, protect: int) -> int | None:
        """What to hide in equation n to protect cell `protect` (see the module docstring)."""
        total, parts = self.eqs[n]
        shown = [p for p in parts if self._hideable(p) and self.value[p] > 0]
        if shown:
            return min(shown, key=lambda p: (self._cost(p, n), self.value[p], p))
        if self._hideable(total) and self.value[total] > 0:
            return total
        small = [i for i in (total, *parts) if i != protect and self._small_shown_as_small(i)]
        if small:
            return small[0]
        zeros = [p for p in (*parts, total) if self._hideable(p)]
        return zeros[0] if zeros else None

    def _hideable(self, i: int) -> bool:
        return self.is_published[i] and not self.is_public[i] and self.state[i] == State.SHOWN

    def _small_shown_as_small(self, i: int) -> bool:
        return self.is_published[i] and self.state[i] == State.PRIMARY

    def _cost(self, i: int, skip: int) -> int:
        """How many other equations of cell i have no unknown yet (hiding i would expose it)."""
        cost = 0
        for m in self.eqs_of[i]:
            if m == skip:
                continue
            total, parts = self.eqs[m]
            if not any(self._unknown(j) for j in (total, *parts)):
                cost += 1
        return cost

    # The reader's inference across all equations.

    def _propagate(self) -> tuple[list[float], list[float]]:
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
            for i in _tighten(total, known, parts, lo, hi):
                for m in eqs_of[i]:
                    if not queued[m]:
                        queued[m] = True
                        queue.append(m)
        return lo, hi

    def _unpin_all(self, pinned: list[int], lo: list[float], hi: list[float]) -> list[int]:
        """Unpin every pinned small count: hide a cell in each equation that pins it on its
        own (or, pinned by several together, in the one with the smallest candidate). Where
        such an equation has nothing left to hide, its other cells are themselves hidden but
        pinned (the reader worked them out elsewhere): unpin those, and so on outwards."""
        changed: list[int] = []
        queue = deque(pinned)
        seen = set(pinned)
        while queue:
            i = queue.popleft()
            alone = [n for n in self.eqs_of[i] if self._pins_alone(i, n, lo, hi)]
            stuck = []
            for n in alone:
                candidate = self._candidate(n, i)
                if candidate is None:
                    stuck.append(n)
                else:
                    self.state[candidate] = State.SECONDARY
                    changed.append(candidate)
            if not alone:
                options = [
                    (self.value[c], c)
                    for n in self.eqs_of[i]
                    if (c := self._candidate(n, i)) is not None
                ]
                if options:
                    chosen = min(options)[1]
                    self.state[chosen] = State.SECONDARY
                    changed.append(chosen)
                else:
                    stuck = self.eqs_of[i]
            for n in stuck:
                total, parts = self.eqs[n]
                for j in (total, *parts):
                    if j not in seen and self._unknown(j) and lo[j] == hi[j]:
                        seen.add(j)
                        queue.append(j)
        return changed

    def _pins_alone(self, i: int, n: int, lo: list[float], hi: list[float]) -> bool:
        """Whether equation n, with the other cells' bounds, leaves cell i one value."""
        total, parts = self.eqs[n]
        own_lo, own_hi = self._base(i)
        if i == total:
            low, high = sum(lo[p] for p in parts), sum(hi[p] for p in parts)
        else:
            others = [p for p in parts if p != i]
            low = lo[total] - sum(hi[p] for p in others)
            high = hi[total] - sum(lo[p] for p in others)
        return max(low, own_lo) >= min(high, own_hi)


def _others_hi(own_hi: float, unbounded: int, finite_hi: float) -> float:
    """The most the other parts can hold, given the parts' totals (no inf - inf)."""
    if own_hi == INF:
        return INF if unbounded > 1 else finite_hi
    return INF if unbounded else finite_hi - own_hi


def _tighten(
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
        p_lo = max(lo[p], lo[total] - _others_hi(hi[p], unbounded, finite_hi))
        p_hi = min(hi[p], hi[total] - (sum_lo - lo[p]))
        if (p_lo, p_hi) != (lo[p], hi[p]):
            lo[p], hi[p] = p_lo, p_hi
            changed.append(p)
    return changed
