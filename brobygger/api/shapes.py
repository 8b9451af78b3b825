"""The JSON shapes of a participant and an enrolment, shared by reads and writes."""

from __future__ import annotations

from typing import Any

from brobygger.enrolments.models import Enrolment, Participant


def participant_out(p: Participant) -> dict[str, Any]:
    return {
        "id": p.pk,
        "first_name": p.first_name,
        "last_name": p.last_name,
        "birth_date": p.birth_date,
        "email": p.email,
        "phone": p.phone,
        "municipality_number": p.municipality_id,
    }


def enrolment_out(e: Enrolment) -> dict[str, Any]:
    return {
        "id": e.pk,
        "participant": participant_out(e.participant),
        "cohort_id": e.cohort_id,
        "status": e.status,
        "applied_on": e.applied_on,
        "waitlist_position": e.waitlist_position,
        "history": [
            {
                "status": h.status,
                "valid_from": h.valid_from,
                "valid_to": h.valid_to,
                "reason": h.reason,
                "created_at": h.created_at,
            }
            for h in e.history.all()
        ],
    }
