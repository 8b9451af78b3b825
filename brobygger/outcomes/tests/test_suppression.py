"""suppression.suppress: small counts hidden, and no hidden count can be worked out."""

import itertools
import math
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from brobygger.outcomes.suppression import Equation, State, display, suppress


def grid_problem(grid):
    """A table with row totals, column totals and a grand total, as cells and equations."""
    rows, cols = len(grid), len(grid[0])
    values: dict[Any, int] = {(r, c): grid[r][c] for r in range(rows) for c in range(cols)}
    eqs = []
    for r in range(rows):
        values[(r, "T")] = sum(grid[r])
        eqs.append(Equation((r, "T"), tuple((r, c) for c in range(cols))))
    for c in range(cols):
        values[("T", c)] = sum(grid[r][c] for r in range(rows))
        eqs.append(Equation(("T", c), tuple((r, c) for r in range(rows))))
    values[("T", "T")] = sum(map(sum, grid))
    eqs.append(Equation(("T", "T"), tuple(("T", c) for c in range(cols))))
    eqs.append(Equation(("T", "T"), tuple((r, "T") for r in range(rows))))
    return values, eqs


def shown(values, states):
    return {k: display(v, states[k]) for k, v in values.items()}


def test_counts_from_1_to_4_are_shown_as_under_5_and_others_as_they_are():
    values, eqs = grid_problem([[0, 4, 20], [5, 1, 30], [12, 9, 40]])
    view = shown(values, suppress(values, values, eqs))

    assert view[(0, 1)] == "<5"
    assert view[(1, 1)] == "<5"
    assert view[(0, 0)] == "0"
    assert view[(2, 2)] == "40"


def test_a_lone_small_cell_gets_a_partner_in_its_row_and_its_column():
    values, eqs = grid_problem([[3, 10, 12], [8, 9, 20], [15, 7, 6]])
    states = suppress(values, values, eqs)
    view = shown(values, states)

    assert view[(0, 0)] == "<5"
    # Neither the row nor the column leaves the 3 as the only unknown.
    assert sum(view[(0, c)] in ("<5", "x") for c in range(3)) >= 2
    assert sum(view[(r, 0)] in ("<5", "x") for r in range(3)) >= 2
    # A 2x2 rectangle through the 3 is enough here: the totals stay visible.
    hidden = {k for k, s in states.items() if s != State.SHOWN}
    rows, cols = {r for r, _c in hidden}, {c for _r, c in hidden}
    assert len(hidden) == 4 and (0, 0) in hidden
    assert hidden == {(r, c) for r in rows for c in cols}
    assert "T" not in rows | cols


def test_a_group_of_small_counts_under_a_small_total_is_not_left_to_add_up():
    # Column 0: 1 + 1 + 1 + 1 = 4, with 0s shown around: four "<5" under a "<5" total could
    # only be 1 each. One of them (or the total) must become "x".
    grid = [[1, 9, 12], [1, 9, 20], [1, 7, 6], [1, 8, 5]]
    values, eqs = grid_problem(grid)
    states = suppress(values, values, eqs)
    view = shown(values, states)

    assert "x" in [view[(r, 0)] for r in range(4)] + [view[("T", 0)]]
    seen = feasible_values(grid, values, states)
    assert seen is not None
    assert all(len(seen[(r, 0)]) >= 2 for r in range(4))


def test_two_small_counts_under_a_shown_8_are_not_left_as_4_and_4():
    values: dict[Any, int] = {"t": 8, "a": 4, "b": 4}
    states = suppress(values, values, [Equation("t", ("a", "b"))])

    # Either the total is hidden, or one "<5" becomes "x" (cheaper: the total stays shown).
    assert states in (
        {"t": State.SECONDARY, "a": State.PRIMARY, "b": State.PRIMARY},
        {"t": State.SHOWN, "a": State.PRIMARY, "b": State.SECONDARY},
        {"t": State.SHOWN, "a": State.SECONDARY, "b": State.PRIMARY},
    )


def test_a_small_count_becomes_x_when_nothing_else_can_be_hidden():
    # The total is known anyway (public): one "<5" must turn into "x" so that 8 = ? + ?.
    values: dict[Any, int] = {"t": 8, "a": 4, "b": 4}
    states = suppress(values, ["a", "b"], [Equation("t", ("a", "b"))], public=["t"])

    assert sorted(states.values()) == [State.PRIMARY, State.SECONDARY]


def test_cells_only_in_equations_are_never_published_but_count_as_unknowns():
    # applied = admitted + (not admitted, never published): a hidden "admitted" stays hidden.
    values: dict[Any, int] = {"applied": 20, "admitted": 3, "rest": 17}
    states = suppress(values, ["applied", "admitted"], [Equation("applied", ("admitted", "rest"))])

    assert states == {"applied": State.SHOWN, "admitted": State.PRIMARY}


def test_public_cells_are_known_to_the_reader():
    # completed = followed + pending; pending is known from the dates, so hiding "followed"
    # alone would not protect it.
    values: dict[Any, int] = {"completed": 9, "followed": 3, "pending": 6}
    eq = [Equation("completed", ("followed", "pending"))]

    states = suppress(values, ["completed", "followed"], eq, public=["pending"])

    assert states == {"completed": State.SECONDARY, "followed": State.PRIMARY}


def feasible_values(grid, values, states) -> dict[Any, set[int]] | None:
    """Every value each hidden inner cell can take, by brute force over what the reader
    knows: shown cells exact, "<5" in 1..4, "x" any count, all totals adding up."""
    rows, cols = len(grid), len(grid[0])
    limit = values[("T", "T")] + 5

    def fits(key, value):
        state = states[key]
        if state == State.SHOWN:
            return value == values[key]
        return 1 <= value <= 4 if state == State.PRIMARY else 0 <= value <= limit

    def cap(r, c):
        caps = [limit] + [values[k] for k in ((r, "T"), ("T", c)) if states[k] == State.SHOWN]
        return min(caps)

    def domain(r, c):
        if states[(r, c)] == State.SHOWN:
            return [values[(r, c)]]
        if states[(r, c)] == State.PRIMARY:
            return range(1, 5)
        return range(0, cap(r, c) + 1)

    options = [
        [row for row in itertools.product(*(domain(r, c) for c in range(cols)))
         if fits((r, "T"), sum(row))]
        for r in range(rows)
    ]  # fmt: skip
    seen: dict[Any, set[int]] = {(r, c): set() for r in range(rows) for c in range(cols)}
    if math.prod(len(o) for o in options) > 100_000:
        return None  # too many to try quickly
    for table in itertools.product(*options):
        columns = [sum(table[r][c] for r in range(rows)) for c in range(cols)]
        if all(fits(("T", c), columns[c]) for c in range(cols)) and fits(("T", "T"), sum(columns)):
            for r in range(rows):
                for c in range(cols):
                    seen[(r, c)].add(table[r][c])
    return seen


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.lists(st.lists(st.integers(0, 7), min_size=3, max_size=3), min_size=2, max_size=2))
def test_no_small_count_in_a_table_can_be_worked_out_from_what_is_shown(grid):
    values, eqs = grid_problem(grid)
    states = suppress(values, values, eqs)
    seen = feasible_values(grid, values, states)
    assume(seen is not None)
    assert seen is not None

    for key, values_left in seen.items():
        if 0 < values[key] < 5:  # every small count, whether shown as "<5" or as "x"
            assert states[key] != State.SHOWN
            assert len(values_left) >= 2, (grid, key, values_left)


def test_a_result_that_leaves_a_small_count_pinned_is_never_used(monkeypatch):
    """Fail closed: if neither rule frees the small count, every shown cell is hidden."""
    from brobygger.outcomes.suppression import audit, costed, legacy

    monkeypatch.setattr(costed.CostedProblem, "run", audit.Problem.run)
    monkeypatch.setattr(legacy.LegacyProblem, "run", audit.Problem.run)
    values: dict[Any, int] = {"t": 20, "a": 3, "b": 17}
    states = suppress(values, values, [Equation("t", ("a", "b"))])

    assert states == {"t": State.SECONDARY, "a": State.PRIMARY, "b": State.SECONDARY}


def test_the_rule_that_hides_fewer_big_counts_is_used():
    values, eqs = grid_problem([[3, 10, 12], [8, 9, 20], [15, 7, 6]])
    chosen = suppress(values, values, eqs)
    earlier = suppress(values, values, eqs, legacy_rule=True)

    def big_hidden(states):
        return sum(1 for k, s in states.items() if values[k] >= 5 and s != State.SHOWN)

    assert big_hidden(chosen) <= big_hidden(earlier)
