"""The explicit table of agreement status transitions and who may make each (CONVENTIONS 2).

draft -> approved (a NAV caseworker at the agreement's NAV office) -> active -> ended;
draft or approved -> cancelled. Ended and cancelled are final. Only drafts can be edited;
refunds can be claimed while active or after it ended.
"""

from __future__ import annotations

from brobygger.accounts.models import Role
from brobygger.core.status_history import TransitionTable
from brobygger.subsidy.models import AgreementStatus

S = AgreementStatus

ALLOWED: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.APPROVED, S.CANCELLED}),
    S.APPROVED: frozenset({S.ACTIVE, S.CANCELLED}),
    S.ACTIVE: frozenset({S.ENDED}),
    S.ENDED: frozenset(),
    S.CANCELLED: frozenset(),
}
TABLE = TransitionTable(ALLOWED, labels=dict(AgreementStatus.choices))

# Roles that may move an agreement INTO each status (besides having write access to it).
WHO: dict[str, frozenset[str]] = {
    S.APPROVED: frozenset({Role.CASEWORKER}),
    S.ACTIVE: frozenset({Role.CASEWORKER, Role.COORDINATOR}),
    S.ENDED: frozenset({Role.CASEWORKER, Role.COORDINATOR}),
    S.CANCELLED: frozenset({Role.CASEWORKER, Role.COORDINATOR}),
}

EDITABLE = frozenset({S.DRAFT})
REFUNDABLE = frozenset({S.ACTIVE, S.ENDED})


def can_transition(current: str, new: str) -> bool:
    return TABLE.allows(current, new)
