"""Cost-based secondary suppression (ADR 0010, issue-12 amendment): hide as little as the small
counts need.

While the audit (`Problem.propagate`) pins a small count, look at every cell sharing an equation
with it and price hiding that cell: its own weight (`cube_weight`: about one per cell, smaller
counts cheaper, margins dearer than their parts, a county total dear, a national total only as
the last resort; a 0 the cube marks as known is never hidden) plus what it drags along: a newly
hidden cell that would be the only unknown of another equation is worked out at once, so the
cheapest cell there is hidden with it, and so on (`_closure`). The cheapest group that frees the
small count in its equations is hidden; then the audit runs again. Only small counts are
protected: a hidden cell of 5 or more may be worked out as long as no small count follows."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from brobygger.outcomes.suppression.audit import INF, THRESHOLD, Equation, Problem, State

# Weights (see the module docstring); the unit is "one count cell of a few people".
SMALL_TO_HIDDEN = 0.8  # turning a "<5" into an "x" tells less than hiding a shown count
ZERO = 2.0
MARGIN = 5.0  # a programme or a year: the total over its cohorts
COUNTY = 100.0  # only when no set of its municipalities can do it
NATIONAL = 1e6  # a national total: only as the last resort
CLOSURE_LIMIT = 40
# At most this many extra audits to show again what the greedy choice hid needlessly (about
# 20 ms each on the whole country's cube).
PRUNE_AUDITS = 40
# What the figures are for: hide "started" or "admitted" before "completed" or "in work".
HEADLINE = ("completed", "employed6", "employed12")
HEADLINE_WEIGHT = 3.0
SMALL_CUBE = 3000


def cube_weight(key: Any, value: int) -> float:
    """The price of hiding a shown cell of the outcome cube, (measure, dimension, member)."""
    from brobygger.outcomes.figures import cube as c

    base = ZERO if value == 0 else 1.0 + value / 100
    if not (isinstance(key, tuple) and len(key) == 3):
        return base
    measure, dim, _member = key
    if measure in HEADLINE:
        base *= HEADLINE_WEIGHT
    if dim == c.ALL:
        # The national funnel; the national breakdowns (reasons, percent bands, ...) are parts.
        # Never in the ordinary rounds; only `_last_resort`, when a national small count is
        # pinned by the national funnel itself and nothing else can free it.
        return base if ":" in str(measure) else INF
    if dim == c.COUNTY:
        return base * COUNTY
    if dim in (c.PROGRAMME, c.YEAR):
        return base * MARGIN
    return base


class CostedProblem(Problem):
    def __init__(
        self,
        values: Mapping[Any, int],
        published: set[Any],
        eqs: Sequence[Equation],
        public: set[Any],
        *,
        weight: Callable[[Any, int], float],
    ) -> None:
        super().__init__(values, published, eqs, public)
        self.weight = [weight(k, v) for k, v in zip(self.keys, self.value, strict=True)]

    def run(self) -> None:
        while True:
            lo, hi = self.propagate()
            targets = self.pinned(lo, hi)
            if not targets:
                self._prune()
                return
            if not self._round(targets, lo, hi) and not self._last_resort(targets):
                return  # nothing left to hide anywhere near: cannot happen in a real cube

    def _prune(self) -> None:
        """The greedy choice can leave cells hidden that later choices made unnecessary: show
        again every secondary cell the audit can do without, dearest first (in halves: a block
        the audit accepts shown all at once costs one run)."""
        hidden = [
            i for i in self.published if self.state[i] == State.SECONDARY and self.value[i] != 0
        ]
        hidden.sort(key=lambda i: (-self.weight[i], i))
        pending = [hidden]
        # Small cubes (a county, a filtered view) are pruned to the end; the country's within a
        # budget of audits.
        budget = PRUNE_AUDITS if len(self.keys) > SMALL_CUBE else 4 * len(hidden) + 1
        while pending and budget:
            budget -= 1
            block = pending.pop()
            old = {i: self.state[i] for i in block}
            for i in block:
                self.state[i] = State.PRIMARY if self.sensitive[i] else State.SHOWN
            lo, hi = self.propagate()
            if not self.pinned(lo, hi):
                continue
            for i, state in old.items():
                self.state[i] = state
            if len(block) > 1:
                middle = len(block) // 2
                pending += [block[middle:], block[:middle]]

    def _round(self, targets: list[int], lo: list[float], hi: list[float]) -> bool:
        """Free each pinned cell whose equations nothing else changed this round. A cell with
        nothing left to hide around it is pinned through hidden cells the reader works out
        elsewhere: those become targets in turn."""
        touched: set[int] = set()
        queue = deque(targets)
        seen = set(targets)
        changed = False
        while queue:
            i = queue.popleft()
            if any(n in touched for n in self.eqs_of[i]):
                continue
            group = self._choose(i)
            if group is None:
                for n in self.eqs_of[i]:
                    for j in _cells(self.eqs[n]):
                        if j not in seen and self._unknown(j) and lo[j] == hi[j]:
                            seen.add(j)
                            queue.append(j)
                continue
            for j in group:
                self.state[j] = State.SECONDARY
                touched.update(self.eqs_of[j])
            changed = True
        return changed

    def _last_resort(self, targets: list[int]) -> bool:
        """Hide the cheapest hideable cell in any equation of a pinned cell, whatever it is."""
        options = [
            (self._own(j) if self._own(j) < INF else NATIONAL, j)
            for i in targets
            for n in self.eqs_of[i]
            for j in _cells(self.eqs[n])
            if self._own(j) < INF or self._hideable(j)
        ]
        if not options:
            return False
        self.state[min(options)[1]] = State.SECONDARY
        return True

    def _own(self, j: int) -> float:
        if self._hideable(j):
            return self.weight[j]
        if self.is_published[j] and self.state[j] == State.PRIMARY:
            return SMALL_TO_HIDDEN
        return INF

    def _choose(self, i: int) -> list[int] | None:
        """The cheapest group that frees cell i (or, if none does on its own, the cheapest
        group at all, and the next round goes on). Candidates in order of their own weight:
        a group costs at least that, so the search stops once the best so far is cheaper."""
        candidates = sorted(
            {j for n in self.eqs_of[i] for j in _cells(self.eqs[n]) if j != i},
            key=lambda j: (self._own(j), self.value[j], j),
        )
        best: tuple[tuple[int, float], list[int]] | None = None
        for j in candidates:
            own = self._own(j)
            if own == INF or (best is not None and best[0][0] == 0 and own >= best[0][1]):
                break
            group, cost = self._closure(j)
            if group is None:
                continue
            rank = (0 if self._frees(i, set(group)) else 1, cost)
            if best is None or rank < best[0]:
                best = (rank, group)
        return best[1] if best else None

    def _closure(self, j: int) -> tuple[list[int] | None, float]:
        """Cell j and the cells that must be hidden with it so that none of them is the only
        unknown of an equation (the reader would work it out at once), with their cost."""
        group = [j]
        members = {j}
        cost = self._own(j)
        queue = deque([j])
        while queue and len(group) < CLOSURE_LIMIT:
            k = queue.popleft()
            for m in self.eqs_of[k]:
                cells = list(_cells(self.eqs[m]))
                if any(c != k and (c in members or self._unknown(c)) for c in cells):
                    continue
                partners = [c for c in cells if c not in members and self._own(c) < INF]
                if not partners:
                    return None, INF
                p = min(partners, key=lambda c: (self._own(c), self.value[c], c))
                members.add(p)
                group.append(p)
                cost += self._own(p)
                queue.append(p)
        return group, cost

    def _frees(self, i: int, group: set[int]) -> bool:
        """Whether, with `group` hidden, no equation of i pins it on its own (with the other
        hidden cells at their markers' bounds: a necessary condition; the audit decides)."""

        def bounds(c: int) -> tuple[float, float]:
            if c in group:
                return 0, INF
            return self._base(c)

        own_lo, own_hi = bounds(i)
        for n in self.eqs_of[i]:
            total, parts = self.eqs[n]
            if i == total:
                low = sum(bounds(p)[0] for p in parts)
                high = sum(bounds(p)[1] for p in parts)
            else:
                t_lo, t_hi = bounds(total)
                others = [bounds(p) for p in parts if p != i]
                low = t_lo - sum(b[1] for b in others)
                high = t_hi - sum(b[0] for b in others)
            own_lo, own_hi = max(own_lo, low), min(own_hi, high)
            if own_lo >= own_hi:
                return False
        return own_hi - own_lo >= 1 and own_lo < THRESHOLD


def _cells(eq: tuple[int, list[int]]) -> Iterable[int]:
    total, parts = eq
    yield total
    yield from parts
