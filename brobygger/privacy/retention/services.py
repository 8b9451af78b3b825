"""Anonymise a person: by the daily job when retention runs out, or early on request."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.core.audit import audit_create
from brobygger.enrolments.models import Enrolment, Participant
from brobygger.privacy.models import Anonymisation
from brobygger.privacy.registry import AnonymisationTarget, AnonymiseResult, anonymisers
from brobygger.privacy.retention.policy import END_STATUSES, due_for_anonymisation

REASON_MAX = 1000


def _target(participant: Participant, by: Any) -> AnonymisationTarget:
    enrolments = list(
        Enrolment.objects.filter(participant=participant)
        .select_related("cohort__version__programme__organisation")
        .order_by("applied_on", "pk")
    )
    by_enrolment = {e.pk: e.cohort.version.programme.organisation for e in enrolments}
    return AnonymisationTarget(
        participant=participant,
        enrolment_ids=[e.pk for e in enrolments],
        by=by,
        organisation_by_enrolment=by_enrolment,
        organisation=by_enrolment[enrolments[-1].pk] if enrolments else None,
    )


@transaction.atomic
def participant_anonymise(
    *,
    by: Any,
    participant: Participant,
    reason: str = "",
    early: bool = False,
    ended_on: dt.date | None = None,
) -> Anonymisation:
    """Clear the person's personal data through every registered anonymiser and record it.
    Does nothing (returns the earlier record) if the person is already anonymised."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    done = Anonymisation.objects.filter(participant=participant).first()
    if done is not None:
        return done
    target = _target(participant, by)
    total = AnonymiseResult()
    for anonymiser in anonymisers():
        total += anonymiser.anonymise(target)
    record = Anonymisation(
        participant=participant,
        at=timezone.now(),
        by=by if getattr(by, "pk", None) else None,
        early=early,
        reason=reason,
        ended_on=ended_on,
        rows_changed=total.rows_changed,
        files_deleted=total.files_deleted,
    )
    record.full_clean()
    record.save()
    audit_create(by=by, obj=record, organisation=target.organisation)
    return record


def retention_apply(*, today: dt.date, by: Any = None) -> list[Anonymisation]:
    """Daily job: anonymise everyone whose retention period has run out. Idempotent; each
    person in their own transaction, so one failure does not hold back the others' removal."""
    done = []
    for state in due_for_anonymisation(today):
        participant = Participant(pk=state.participant_id)
        done.append(participant_anonymise(by=by, participant=participant, ended_on=state.ended_on))
    return done


@transaction.atomic
def anonymise_on_request(*, by: Any, enrolment: Enrolment, reason: str) -> Anonymisation:
    """A coordinator anonymises a person before the retention period is out (on the person's
    request). Every enrolment of theirs must have ended and be managed by this coordinator:
    another organisation's records are not theirs to remove."""
    from brobygger.enrolments.access import enrolments_managed_by

    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = _("Skriv hvorfor opplysningene skal anonymiseres nå.")
    elif len(reason) > REASON_MAX:
        errors["reason"] = _("Begrunnelsen kan være høyst %(max)s tegn.") % {"max": REASON_MAX}
    participant = enrolment.participant
    if Anonymisation.objects.filter(participant=participant).exists():
        errors["__all__"] = _("Personen er allerede anonymisert.")
    else:
        theirs = Enrolment.objects.filter(participant=participant)
        if theirs.exclude(status__in=END_STATUSES).exists():
            errors["__all__"] = _(
                "Personen har en deltakelse som ikke er avsluttet. Avslutt den først (for "
                "eksempel «Avbrutt»), så kan opplysningene anonymiseres."
            )
        elif theirs.exclude(pk__in=enrolments_managed_by(by).values("pk")).exists():
            errors["__all__"] = _(
                "Personen har deltakelser som du ikke er koordinator for. Be en administrator "
                "om å anonymisere."
            )
    if errors:
        raise ValidationError(errors)
    return participant_anonymise(by=by, participant=participant, reason=reason, early=True)
