"""Writes for hiring cases: invite, apply, move along the transition table, hire."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.core.audit import audit_create
from brobygger.core.status_history import before_last_change, status_change, status_history_start
from brobygger.employment import transitions
from brobygger.employment.funding import FundingRow
from brobygger.employment.models import (
    Employment,
    EmploymentSource,
    HiringCase,
    HiringOrigin,
    HiringStatus,
    HiringStatusChange,
    Position,
)
from brobygger.employment.selectors.profiles import profiles_visible_to_employers
from brobygger.employment.services.employments import employment_create
from brobygger.enrolments.models import Participant


def _require_visible_profile(participant: Participant) -> None:
    if not profiles_visible_to_employers().filter(participant=participant).exists():
        raise ValidationError(
            _("Kandidaten har ikke en publisert profil med samtykke."), code="no_profile"
        )


def _open_case(
    *, by: Any, position: Position, participant: Participant, origin: str, message: str, on: Any
) -> HiringCase:
    if not position.is_open:
        raise ValidationError(_("Stillingen er ikke åpen for søkere."), code="closed")
    _require_visible_profile(participant)
    if HiringCase.objects.filter(position=position, participant=participant).exists():
        raise ValidationError(
            _("Kandidaten er allerede i en sak for denne stillingen."), code="duplicate"
        )
    status = transitions.START[origin]
    case = HiringCase(
        position=position,
        participant=participant,
        origin=origin,
        status=status,
        message=message,
        created_by=by if getattr(by, "pk", None) else None,
    )
    case.full_clean()
    case.save()
    audit_create(by=by, obj=case, organisation=position.employer)
    status_history_start(
        by=by,
        row=HiringStatusChange(case=case, status=status, valid_from=on, created_by=case.created_by),
        organisation=position.employer,
        audit_rows=True,
    )
    return case


@transaction.atomic
def hiring_invite(
    *, by: Any, position: Position, participant: Participant, on: dt.date, message: str = ""
) -> HiringCase:
    """The employer invites a candidate whose profile they can see."""
    return _open_case(
        by=by,
        position=position,
        participant=participant,
        origin=HiringOrigin.INVITED,
        message=message,
        on=on,
    )


@transaction.atomic
def hiring_apply(
    *, by: Any, position: Position, participant: Participant, on: dt.date, message: str = ""
) -> HiringCase:
    """The candidate applies; the employer then sees their published profile."""
    return _open_case(
        by=by,
        position=position,
        participant=participant,
        origin=HiringOrigin.APPLIED,
        message=message,
        on=on,
    )


def _move(*, by: Any, case: HiringCase, to: str, on: dt.date, note: str) -> HiringCase:
    """Close the open history row and open a new one; `case` must be locked by the caller."""
    if on > timezone.localdate():
        raise ValidationError({"on": _("Datoen kan ikke være fram i tid.")}, code="future")
    too_early = before_last_change(
        case.history.all(), on, message=_("Datoen kan ikke være før forrige steg i saken.")
    )
    if too_early:
        raise ValidationError({"on": too_early}, code="before_previous")
    status_change(
        by=by,
        obj=case,
        row=HiringStatusChange(
            status=to, valid_from=on, note=note, created_by=by if getattr(by, "pk", None) else None
        ),
        table=transitions.TABLE,
        organisation=case.position.employer,
        audit_rows=True,
    )
    return case


@transaction.atomic
def hiring_transition(
    *, by: Any, case: HiringCase, to: str, actor: str, on: dt.date, note: str = ""
) -> HiringCase:
    """Move a case one step, if the table allows it and this side may make that move."""
    case = (
        HiringCase.objects.select_for_update(of=("self",))
        .select_related("position__employer")
        .get(pk=case.pk)
    )
    if to in transitions.HIRE_ONLY:
        raise ValidationError(
            {"to": _("Ansettelse registreres med skjemaet for ansettelse.")}, code="hire_only"
        )
    if not transitions.actor_may(actor, case.status, to):
        raise ValidationError(
            {
                "to": _("Saken kan ikke gå fra «%(old)s» til «%(new)s».")
                % {
                    "old": HiringStatus(case.status).label,
                    "new": HiringStatus(to).label if to in HiringStatus.values else to,
                }
            },
            code="not_allowed",
        )
    return _move(by=by, case=case, to=to, on=on, note=note)


@transaction.atomic
def hiring_hire(
    *,
    by: Any,
    case: HiringCase,
    on: dt.date,
    start_date: dt.date,
    percent: int,
    kind: str,
    end_date: dt.date | None = None,
    funding: Sequence[FundingRow] = (),
) -> Employment:
    """The candidate accepted the offer: close the case as HIRED and create the Employment
    record. The benefit is not asked here: the employer never handles it (it stays UNKNOWN
    until a coordinator or caseworker records it)."""
    case = (
        HiringCase.objects.select_for_update(of=("self",))
        .select_related("position__employer", "participant")
        .get(pk=case.pk)
    )
    if not transitions.can_transition(case.status, HiringStatus.HIRED):
        raise ValidationError(
            _("Bare en kandidat som har fått tilbud, kan ansettes."), code="not_offered"
        )
    position = case.position
    employment = employment_create(
        by=by,
        participant=case.participant,
        employer=position.employer,
        position=position,
        hiring_case=case,
        source=EmploymentSource.BROBYGGER,
        job_title=position.title,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        percent=percent,
        funding=funding,
    )
    _move(by=by, case=case, to=HiringStatus.HIRED, on=on, note="")
    return employment
