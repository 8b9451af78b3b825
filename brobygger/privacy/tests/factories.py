"""A participant's whole history, built through the services (synthetic people only).

Dates: the personas' cohort starts 17.08.2026; sessions and timesheets are written on
15.10.2026, the completion on 18.06.2027.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from brobygger.accesslog.models import AccessEvent
from brobygger.accounts.models import Role
from brobygger.assessments.models import Outcome, Submission
from brobygger.assessments.services import submission_assess, submission_create
from brobygger.assessments.tests.factories import upload
from brobygger.attendance.models import AttendanceStatus
from brobygger.attendance.services import attendance_record_session
from brobygger.attendance.tests.factories import make_held_session, week
from brobygger.completion.services import completion_confirm
from brobygger.enrolments.models import Enrolment, Participant
from brobygger.enrolments.tests.factories import synthetic_fnr
from brobygger.placements.services import evaluation_save
from brobygger.placements.tests.factories import make_placement, make_timesheet, monday
from brobygger.privacy.models import ConsentPurpose
from brobygger.privacy.services import consent_give
from brobygger.testing import Personas, make_enrolment, make_participant, make_user

WRITTEN = dt.datetime(2026, 10, 15, 12, 0, tzinfo=dt.UTC)
COMPLETED_ON = dt.date(2027, 6, 18)
# Free texts that only this person's records hold: none may survive anonymisation.
TEXTS = {
    "motivation": "Jeg vil bruke erfaringen min fra rusomsorgen.",
    "evaluation": "Ronja tar ansvar og er godt likt på teamet.",
    "feedback": "Utdyp del 2 om egen erfaring.",
    "exception": "Dokumentert sykdom i mars, godkjent av leder.",
    "comment": "Rett timene.",
}


@dataclass
class History:
    enrolment: Enrolment
    submissions: list[Submission]


def make_person(
    personas: Personas,
    *,
    first_name: str = "Ronja",
    last_name: str = "Ravnsborg",
    birth_date: dt.date = dt.date(1980, 3, 4),
) -> Participant:
    user = make_user(
        f"{first_name.lower()}{last_name.lower()}",
        role=Role.PARTICIPANT,
        org=personas.bergen,
        first_name=first_name,
        last_name=last_name,
    )
    user.email = f"{first_name.lower()}@example.invalid"
    user.save(update_fields=["email"])
    return make_participant(
        first_name,
        last_name,
        user=user,
        birth_date=birth_date,
        national_id=synthetic_fnr(birth_date),
        email=f"{first_name.lower()}@example.invalid",
        phone="+47 400 00 000",
        municipality_id="4601",
    )


def build_history(
    personas: Personas,
    time_machine: Any,
    *,
    participant: Any = None,
    sessions: int = 2,
    weeks: int = 2,
    complete: bool = True,
) -> History:
    """Attendance for `sessions` sessions, `weeks` approved timesheets plus one returned, an
    evaluation, two submitted files (one resubmit, one approved), a consent, a read-log entry,
    and (unless `complete` is False) a completion made as an exception."""
    time_machine.move_to(WRITTEN, tick=False)
    participant = participant or make_person(personas)
    user = participant.user
    enrolment = make_enrolment(
        personas.cohort, participant=participant, motivation=TEXTS["motivation"]
    )
    for n in range(sessions):
        session = make_held_session(personas.cohort, on=week(n % 8) + dt.timedelta(days=n // 8))
        attendance_record_session(
            by=personas.teacher,
            session=session,
            rows=[(enrolment, AttendanceStatus.PRESENT, None)],
        )
    placement = make_placement(personas, enrolment=enrolment)
    for n in range(weeks):
        make_timesheet(placement, monday(n), "20")
    make_timesheet(placement, monday(weeks), "10", status="returned")
    evaluation_save(
        by=personas.supervisor, placement=placement, kind="midway", text=TEXTS["evaluation"]
    )
    first = submission_create(by=user, enrolment=enrolment, upload=upload("ronja-ravnsborg.pdf"))
    submission_assess(
        by=personas.coordinator,
        submission=first,
        outcome=Outcome.RESUBMIT,
        feedback=TEXTS["feedback"],
    )
    second = submission_create(by=user, enrolment=enrolment, upload=upload("oppgave-2.pdf"))
    submission_assess(by=personas.coordinator, submission=second, outcome=Outcome.APPROVED)
    consent_give(participant=participant, purpose=ConsentPurpose.EMPLOYER_PROFILE, by=user)
    AccessEvent.objects.create(
        participant=participant,
        actor=personas.coordinator,
        actor_role=Role.COORDINATOR,
        actor_organisation=personas.bergen,
        shown="Deltakerside",
        purpose="Oppfølging",
    )
    if complete:
        time_machine.move_to(dt.datetime(2027, 6, 20, 12, 0, tzinfo=dt.UTC), tick=False)
        completion_confirm(
            by=personas.coordinator,
            enrolment=enrolment,
            completed_on=COMPLETED_ON,
            exception_reason=TEXTS["exception"],
        )
    enrolment.refresh_from_db()
    return History(enrolment=enrolment, submissions=[first, second])
