"""Record a follow-up answer: one per subject and month mark, never before it is due."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.completion.models import Completion
from brobygger.core.audit import audit_create
from brobygger.core.formatting import format_day as _day
from brobygger.employment.models import Employment
from brobygger.followup import rules
from brobygger.followup.models import FOLLOW_UP_MONTHS, FollowUpKind, FollowUpOutcome


def due_date(subject: Completion | Employment, months: int) -> dt.date:
    start = subject.completed_on if isinstance(subject, Completion) else subject.start_date
    return rules.due_on(start, months)


@transaction.atomic
def followup_record(
    *,
    by: Any,
    subject: Completion | Employment,
    months: int,
    answered_on: dt.date,
    employed: bool,
    percent: int | None = None,
    job_kind: str = "",
    funding_source: str = "",
    note: str = "",
) -> FollowUpOutcome:
    if months not in FOLLOW_UP_MONTHS:
        raise ValidationError({"months": _("Oppfølging gjøres etter 6 og 12 måneder.")})
    due = due_date(subject, months)
    today = timezone.localdate()
    if today < due:
        raise ValidationError(
            {"answered_on": _("Oppfølgingen kan registreres fra %(date)s.") % {"date": _day(due)}},
            code="not_due",
        )
    if answered_on > today:
        raise ValidationError({"answered_on": _("Datoen kan ikke være fram i tid.")})
    if answered_on < due:
        raise ValidationError(
            {
                "answered_on": _("Svaret må gjelde per forfallsdatoen (%(date)s) eller senere.")
                % {"date": _day(due)}
            }
        )
    if employed and percent is None:
        raise ValidationError({"percent": _("Oppgi stillingsprosent når personen er i arbeid.")})
    if not employed:
        percent, job_kind, funding_source = None, "", ""
    is_completion = isinstance(subject, Completion)
    participant_id = (
        subject.enrolment.participant_id
        if isinstance(subject, Completion)
        else subject.participant_id
    )
    outcome = FollowUpOutcome(
        participant_id=participant_id,
        kind=FollowUpKind.COMPLETION if is_completion else FollowUpKind.HIRE,
        completion=subject if isinstance(subject, Completion) else None,
        employment=subject if isinstance(subject, Employment) else None,
        months=months,
        due_on=due,
        answered_on=answered_on,
        employed=employed,
        percent=percent,
        job_kind=job_kind,
        funding_source=funding_source,
        note=note.strip(),
        recorded_by=by,
    )
    outcome.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            outcome.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("Denne oppfølgingen er allerede registrert."), code="duplicate"
        ) from exc
    audit_create(by=by, obj=outcome)
    return outcome
