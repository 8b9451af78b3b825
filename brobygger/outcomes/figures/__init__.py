"""The outcome figures: one selector for every page, export, report and command.

    outcome_figures(scope=..., filters=..., today=...) -> Figures

Four queries whatever the data size: the enrolments counted per cohort and per home, with
their labels (`rows.py`, three), and the completers' follow-up, first jobs and medians counted
in cells (`completers.py`, one). The database does the counting; Python adds up cells and
suppresses them, so time and memory in Python grow with the cells, not the people.
Definitions (ADR 0010, amended by ADR 0016):
- applied: enrolments (not registered in error); admitted: ever VENTER_PA_OPPSTART or DELTAR;
  started: ever DELTAR; completed: FULLFORT; discontinued: AVBRUTT, by its coded reason;
  ongoing: started and still DELTAR or PERMISJON. started = completed + discontinued + ongoing.
- completion rate = completed / (completed + discontinued): those who never started are out.
- followed up / in work N months after completion: the recorded follow-up answer is the
  source (`followup.rules`, ADR 0016). Followed up N months = answered; in work = answered
  "in work"; not followed up N months = the date (completion + N months) has come and there
  is no answer. The rate is in work / followed up. The employment records do not count here.
- suppressed scopes (county, national): one pattern per scope, on its unfiltered figures; a
  filtered view shows only what follows from it (`consistent.py`).
- first job: the earliest job not ended before completion (and begun by today); days to it are
  0 when it began before completion. Percent, kind, funding and benefit are those at its start.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager

from brobygger.outcomes.figures import rows
from brobygger.outcomes.figures.completers import completers
from brobygger.outcomes.figures.consistent import view_states
from brobygger.outcomes.figures.cube import ALL, DIMENSIONS, Cube, Key, build_cube
from brobygger.outcomes.figures.model import Cell, Column, Figures, Row, Table
from brobygger.outcomes.figures.tables import all_tables, funnel_columns
from brobygger.outcomes.filters import Filters
from brobygger.outcomes.scope import Scope
from brobygger.outcomes.suppression import State, suppress

__all__ = [
    "ALL",
    "DIMENSIONS",
    "Cell",
    "Column",
    "Figures",
    "Row",
    "Table",
    "outcome_cube",
    "outcome_figures",
]


def outcome_cube(*, scope: Scope, filters: Filters, today: dt.date) -> Cube:
    enrolments = rows.population(scope.enrolments, filters.q())
    return build_cube(rows.enrolments_counted(enrolments), completers(enrolments, today))


def outcome_figures(*, scope: Scope, filters: Filters, today: dt.date) -> Figures:
    with _no_cyclic_gc():
        return _figures(scope=scope, filters=filters, today=today)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Tens of thousands of small tuples and no cycles: the cyclic collector would only
    rescan everything alive again and again (it doubled the time on a large history)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _states(cube: Cube, *, scope: Scope, filters: Filters, today: dt.date) -> dict[Key, State]:
    """One pattern per scope (`consistent`): computed on the unfiltered cube, and a filtered
    view takes its states from it, so no two views can be subtracted to give a small count."""
    if filters == Filters():
        return suppress(cube.values, cube.published, cube.equations, cube.public)
    master = outcome_cube(scope=scope, filters=Filters(), today=today)
    pattern = suppress(master.values, master.published, master.equations, master.public)
    return view_states(master, pattern, cube, filters)


def _figures(*, scope: Scope, filters: Filters, today: dt.date) -> Figures:
    cube = outcome_cube(scope=scope, filters=filters, today=today)
    states = _states(cube, scope=scope, filters=filters, today=today) if scope.suppressed else None
    _builder, tables = all_tables(cube, states)
    total = tables[DIMENSIONS[0]].total
    assert total is not None
    return Figures(
        scope=scope.as_dict(),
        filters=filters.as_dict(),
        today=today.isoformat(),
        suppressed=scope.suppressed,
        kpis=tuple(zip(funnel_columns(), total.cells, strict=True)),
        tables=tables,
    )
