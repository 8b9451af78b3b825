"""Helpers for the application tests: an open cohort, and the link a mail carried."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from brobygger.programmes.models import Cohort

TODAY = dt.date(2026, 11, 25)
NOW = "2026-11-25 12:00"
DEADLINE = dt.date(2026, 12, 15)
LINK_RE = re.compile(r"https?://[^\s]+(/sok/bekreft/[A-Z2-9]{16}/)")


def open_cohort(cohort: Cohort, *, deadline: dt.date = DEADLINE) -> Cohort:
    cohort.applications_open = True
    cohort.application_deadline = deadline
    cohort.save(update_fields=["applications_open", "application_deadline"])
    return cohort


def mailed_link_path(message: Any) -> str:
    match = LINK_RE.search(message.body)
    assert match, message.body
    return match.group(1)
