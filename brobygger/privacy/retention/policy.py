"""When a person's data is due for anonymisation.

The clock starts when the last of their enrolments ended: the date its end status (FULLFORT,
AVBRUTT, IKKE_AKTUELL, FEILREGISTRERT) took effect, from the status history. Someone with an
enrolment that has not ended (applied, waiting, taking part, on leave) is never due. Someone
with no enrolment at all counts from when their record was created.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone

from brobygger.enrolments.models import Participant, Status

END_STATUSES = frozenset(
    {Status.FULLFORT, Status.AVBRUTT, Status.IKKE_AKTUELL, Status.FEILREGISTRERT}
)


def retention_years() -> int:
    return int(settings.BROBYGGER_RETENTION_YEARS)  # the default is the setting's (ADR 0008)


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class RetentionState:
    participant_id: int
    ended_on: dt.date | None  # None while an enrolment is still open
    due_on: dt.date | None

    def is_due(self, today: dt.date) -> bool:
        return self.due_on is not None and self.due_on <= today


def retention_states(participant_ids: list[int] | None = None) -> dict[int, RetentionState]:
    """The retention state of people not yet anonymised (all of them, or these), one query."""
    people = Participant.objects.filter(anonymisation__isnull=True)
    if participant_ids is not None:
        people = people.filter(pk__in=participant_ids)
    rows = people.annotate(
        open_count=Count("enrolments", filter=~Q(enrolments__status__in=END_STATUSES)),
        enrolment_count=Count("enrolments"),
        ended=Max(
            "enrolments__history__valid_from",
            filter=Q(enrolments__history__valid_to__isnull=True),
        ),
    ).values_list("pk", "open_count", "enrolment_count", "ended", "created_at")
    years = retention_years()
    states = {}
    for pk, open_count, enrolment_count, ended, created_at in rows:
        if open_count:
            ended_on = None
        elif enrolment_count:
            ended_on = ended
        else:
            ended_on = timezone.localdate(created_at)
        due_on = add_years(ended_on, years) if ended_on else None
        states[pk] = RetentionState(pk, ended_on, due_on)
    return states


def due_for_anonymisation(today: dt.date) -> list[RetentionState]:
    return sorted(
        (state for state in retention_states().values() if state.is_due(today)),
        key=lambda state: state.participant_id,
    )
