from __future__ import annotations

import datetime as dt
from decimal import Decimal

from brobygger.completion.models import Completion
from brobygger.completion.services import completion_confirm
from brobygger.diplomas.models import Diploma
from brobygger.diplomas.services import diploma_issue


def make_completion(personas, enrolment=None) -> Completion:
    """Completes Dina's enrolment (by exception: the test cohort has no attendance)."""
    completion = completion_confirm(
        by=personas.coordinator,
        enrolment=enrolment or personas.enrolment,
        completed_on=dt.date(2026, 11, 20),
        exception_reason="Fullført etter avtale (test).",
    )
    assert isinstance(completion, Completion)  # no four-eyes approval here: recorded at once
    # Figures as a full year would have frozen them (the test cohort has no attendance rows).
    Completion.objects.filter(pk=completion.pk).update(
        theory_hours=Decimal("182.50"), practice_weeks=20
    )
    completion.refresh_from_db()
    return completion


def make_diploma(personas, enrolment=None) -> Diploma:
    return diploma_issue(completion=make_completion(personas, enrolment), by=personas.coordinator)
