"""Writes for wage subsidy agreements, refund periods and the rates table. Each one runs in a
transaction, calls full_clean() and leaves one audit row per row it writes."""

from brobygger.subsidy.services.agreements import (
    agreement_create,
    agreement_transition,
    agreement_update,
    approval_blocked_for,
)
from brobygger.subsidy.services.rate_table import rate_add, rate_withdraw
from brobygger.subsidy.services.refunds import refund_period_create

__all__ = [
    "agreement_create",
    "agreement_transition",
    "agreement_update",
    "approval_blocked_for",
    "rate_add",
    "rate_withdraw",
    "refund_period_create",
]
