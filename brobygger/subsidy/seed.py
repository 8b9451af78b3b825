"""The starting rows of the rates table (used by migration 0002 and by tests that need the
rows back after a flush). Idempotent. See migrations/0002_seed_rates.py for what they mean."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

FROM = dt.date(2025, 1, 1)
# (type, reduced_capacity, phase, percent, phase_months, max_months)
ROWS = [
    ("temporary", False, "first", "40", 6, 12),
    ("temporary", False, "after", "30", 6, 12),
    ("temporary", True, "first", "60", 12, 24),
    ("temporary", True, "after", "50", 12, 24),
    ("permanent", True, "first", "75", 12, None),
    ("permanent", True, "after", "67", 12, None),
    ("mentor", False, "first", "100", 6, 6),
    ("mentor", True, "first", "100", 36, 36),
    ("inclusion", False, "first", "100", 12, 12),
    ("inclusion", True, "first", "100", 12, 12),
]


def seed_rates(rate_model: Any) -> None:
    for kind, reduced, phase, percent, phase_months, max_months in ROWS:
        rate_model.objects.get_or_create(
            subsidy_type=kind,
            reduced_capacity=reduced,
            phase=phase,
            valid_from=FROM,
            defaults={
                "percent": Decimal(percent),
                "phase_months": phase_months,
                "max_months": max_months,
                "note": "Satser per 2025-26 (startverdier)",
            },
        )
