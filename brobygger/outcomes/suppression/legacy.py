"""The earlier choice of secondary cells (ADR 0010 before its issue-12 amendment), kept so
`bench_outcomes` can print how much more it hides than `costed`: cheap local rules first (no
hidden cell may be the only unknown of an equation, and no small count may be pinned by one
equation on its own), then, while the reader's bounds pin a small count, one more cell hidden in
an equation that pins it: the shown part that leaves the fewest other equations exposed (then
the smallest), else the shown total, else a "<5" turned into "x", and as a last resort a shown
0. It over-hides: it protects secondary cells that are not small, and it never hides a 0 or
weighs what a choice drags along with it."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from brobygger.outcomes.suppression.audit import INF, Problem, State
from brobygger.outcomes.suppression.audit import others_hi as _others_hi


class LegacyProblem(Problem):
    """The earlier rule (ADR 0010 before its amendment): kept to measure the new one against."""

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
