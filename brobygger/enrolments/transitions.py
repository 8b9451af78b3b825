"""The explicit table of allowed status transitions (CONVENTIONS rule 2)."""

from __future__ import annotations

import datetime as dt

from brobygger.core.status_history import TransitionTable
from brobygger.enrolments.models import Status

S = Status

ALLOWED: dict[str, frozenset[str]] = {
    S.SOKT_INN: frozenset({S.VURDERES, S.IKKE_AKTUELL, S.FEILREGISTRERT}),
    S.VURDERES: frozenset({S.VENTELISTE, S.VENTER_PA_OPPSTART, S.IKKE_AKTUELL, S.FEILREGISTRERT}),
    S.VENTELISTE: frozenset({S.VENTER_PA_OPPSTART, S.IKKE_AKTUELL, S.FEILREGISTRERT}),
    S.VENTER_PA_OPPSTART: frozenset({S.DELTAR, S.VENTELISTE, S.IKKE_AKTUELL, S.FEILREGISTRERT}),
    S.DELTAR: frozenset({S.PERMISJON, S.FULLFORT, S.AVBRUTT, S.FEILREGISTRERT}),
    S.PERMISJON: frozenset({S.DELTAR, S.AVBRUTT, S.FEILREGISTRERT}),
    S.FULLFORT: frozenset({S.FEILREGISTRERT}),
    S.AVBRUTT: frozenset({S.FEILREGISTRERT}),
    S.IKKE_AKTUELL: frozenset({S.FEILREGISTRERT}),
    S.FEILREGISTRERT: frozenset(),
}
TABLE = TransitionTable(ALLOWED, labels=dict(Status.choices))

# Statuses that hold a place in the cohort (counted against capacity).
HOLDS_PLACE = frozenset({S.VENTER_PA_OPPSTART, S.DELTAR, S.PERMISJON, S.FULLFORT})
# Entering these requires a coded reason.
NEEDS_REASON = frozenset({S.IKKE_AKTUELL, S.AVBRUTT})
# Reached only through completion.services.completion_confirm, which checks the requirements
# and records the Completion; the generic status form never offers it.
COMPLETION_ONLY = frozenset({S.FULLFORT})
# Entering these requires a written note.
NEEDS_NOTE = frozenset({S.FEILREGISTRERT})
# What the applications page may do to several people at once (services.enrolments_transition_bulk).
BULK_TARGETS = (S.VURDERES, S.VENTER_PA_OPPSTART, S.VENTELISTE, S.IKKE_AKTUELL, S.DELTAR)


def participation_start(*, cohort_start: dt.date, last_change: dt.date | None) -> dt.date:
    """The date someone starts taking part: the cohort's first day, or their latest status
    change if that came later (a late admission), so earlier rows are never contradicted."""
    return max(cohort_start, last_change) if last_change else cohort_start


def can_transition(current: str, new: str) -> bool:
    return TABLE.allows(current, new)
