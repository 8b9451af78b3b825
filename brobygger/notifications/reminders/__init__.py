"""Daily reminders (issue 11, part 3): pure reads that say who should be reminded of what today.

`reminders_for_day(today)` derives every reminder from the data as it is (nothing is stored
here, so fixing the cause stops the reminder) in a fixed number of queries whatever the amount
of data; `tasks.send_reminders` hands them to `notifications.services.notify`, whose keys make a
second run the same day send nothing new.
"""

from __future__ import annotations

import datetime as dt

from brobygger.accounts.models import Role
from brobygger.notifications.reminders.base import KINDS, Grants, Reminder, members
from brobygger.notifications.reminders.partners import contact_message, subsidy_reminders
from brobygger.notifications.reminders.practice import (
    assessment_ready,
    timesheet_missing,
    timesheets_waiting,
)
from brobygger.notifications.reminders.programme import (
    attendance_not_taken,
    coordinator_reminders,
)

__all__ = ["KINDS", "Reminder", "reminders_for_day"]


def reminders_for_day(today: dt.date) -> list[Reminder]:
    """Every reminder due on `today` (a date in Europe/Oslo), in kind order."""
    # Looked up once and shared: protected participants' grants, participants' memberships.
    grants = Grants()
    participants = members(Role.PARTICIPANT, today=today)
    reminders: list[Reminder] = []
    reminders += timesheets_waiting(today)
    reminders += timesheet_missing(today, participants=participants)
    reminders += assessment_ready(today, participants=participants)
    reminders += attendance_not_taken(today)
    reminders += coordinator_reminders(today, grants=grants)
    reminders += contact_message(today)
    reminders += subsidy_reminders(today, grants=grants)
    order = {kind: n for n, kind in enumerate(KINDS)}
    return sorted(reminders, key=lambda r: (order[r.kind], r.recipient_id, r.key))
