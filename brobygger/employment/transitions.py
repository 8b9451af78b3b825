"""The explicit table of allowed hiring-case transitions (CONVENTIONS rule 2), and who may
make each move: the employer runs the case, the candidate may accept an invitation or say no."""

from __future__ import annotations

from brobygger.core.status_history import TransitionTable
from brobygger.employment.models import HiringStatus

H = HiringStatus

ALLOWED: dict[str, frozenset[str]] = {
    H.INVITED: frozenset({H.INTERVIEW, H.DECLINED, H.REJECTED}),
    H.APPLIED: frozenset({H.INTERVIEW, H.DECLINED, H.REJECTED}),
    H.INTERVIEW: frozenset({H.OFFER, H.DECLINED, H.REJECTED}),
    H.OFFER: frozenset({H.HIRED, H.DECLINED, H.REJECTED}),
    H.HIRED: frozenset(),
    H.DECLINED: frozenset(),
    H.REJECTED: frozenset(),
}
TABLE = TransitionTable(ALLOWED, labels=dict(HiringStatus.choices))

# Where a case starts, by origin.
START = {"invited": H.INVITED, "applied": H.APPLIED}
# Reached only through services.hiring_hire, which also creates the Employment record.
HIRE_ONLY = frozenset({H.HIRED})
CLOSED = frozenset({H.HIRED, H.DECLINED, H.REJECTED})

EMPLOYER, CANDIDATE = "employer", "candidate"


def can_transition(current: str, new: str) -> bool:
    return TABLE.allows(current, new)


def actor_may(actor: str, current: str, new: str) -> bool:
    """The candidate may say no at any open step, and accept an invitation (to interview);
    everything else is the employer's move."""
    if not can_transition(current, new):
        return False
    if actor == CANDIDATE:
        return new == H.DECLINED or (current == H.INVITED and new == H.INTERVIEW)
    if actor == EMPLOYER:
        return new != H.DECLINED and not (current == H.INVITED and new == H.INTERVIEW)
    return False


def targets_for(actor: str, current: str) -> list[str]:
    """Allowed next statuses for this actor, in table order, without the hire-only ones."""
    return [s for s in H.values if s not in HIRE_ONLY and actor_may(actor, current, s)]
