"""Writes for completion: the coordinator confirms, with a written reason when not eligible.

Four-eyes approval (Organisation.four_eyes_approval, issue 13): where the programme's
organisation requires it, an exception is recorded as a `PendingCompletion` and the enrolment
stays «Deltar»; a second coordinator approves it (`completion_approve`), and only then is the
`Completion` written and the status changed to FULLFORT. So every reader of completions and of
FULLFORT (diplomas, outcomes, follow-up, employment) is unchanged and never counts a pending one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.completion.models import Completion, PendingCompletion
from brobygger.completion.progress import APPROVED
from brobygger.completion.selectors import progress_for
from brobygger.core.audit import audit_record, diff, snapshot
from brobygger.core.status_history import before_last_change
from brobygger.enrolments.models import Enrolment, Status
from brobygger.enrolments.services import enrolment_transition


def _complete(*, by: Any, enrolment: Enrolment, completed_on: dt.date) -> None:
    """DELTAR -> FULLFORT from `completed_on`, through the enrolment's transition rules."""
    try:
        enrolment_transition(
            by=by,
            enrolment=enrolment,
            to=Status.FULLFORT,
            on=completed_on,
            confirmed_completion=True,
        )
    except ValidationError as exc:
        # The transition names its date field "on"; this form calls it "completed_on".
        if hasattr(exc, "error_dict") and "on" in exc.error_dict:
            renamed = {"completed_on" if k == "on" else k: v for k, v in exc.error_dict.items()}
            raise ValidationError(renamed) from exc
        raise


def _pending_create(
    *, by: Any, enrolment: Enrolment, completed_on: dt.date, reason: str, progress: Any
) -> PendingCompletion:
    """The exception as confirmed, waiting for a second coordinator; the status is unchanged.
    The date is checked now as the transition will check it at approval."""
    too_early = before_last_change(enrolment.history.all(), completed_on)
    if too_early:
        raise ValidationError({"completed_on": too_early}, code="date")
    pending = PendingCompletion(
        enrolment=enrolment,
        completed_on=completed_on,
        confirmed_by=by,
        confirmed_at=timezone.now(),
        exception_reason=reason,
        missing="; ".join(progress.missing),
        theory_hours=progress.theory_hours_attended,
        practice_weeks=progress.practice_weeks_approved,
        assignment_approved=progress.assignment_state == APPROVED,
        version=enrolment.cohort.version,
    )
    pending.full_clean()
    pending.save()
    audit_record(
        by=by,
        action="completion_exception_pending",
        obj=pending,
        changes=diff({}, snapshot(pending)),
        organisation=enrolment.cohort.version.programme.organisation,
    )
    return pending


@transaction.atomic
def completion_approve(*, by: Any, enrolment: Enrolment) -> Completion:
    """A second coordinator approves a completion exception waiting for four-eyes approval:
    the `Completion` is recorded with who confirmed and who approved, and the enrolment moves
    to FULLFORT from the confirmed date. The one who confirmed it may not approve it."""
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("cohort__version__programme__organisation")
        .get(pk=enrolment.pk)
    )
    pending = PendingCompletion.objects.select_for_update().filter(enrolment=enrolment).first()
    if pending is None:
        raise ValidationError(
            _("Ingen fullføring venter på godkjenning for denne deltakeren."), code="not_pending"
        )
    if pending.confirmed_by_id == getattr(by, "pk", None):
        raise ValidationError(
            _(
                "Du bekreftet dette unntaket selv. En annen koordinator må godkjenne det "
                "(godkjenning av en annen person er påkrevd)."
            ),
            code="own_exception",
        )
    _complete(by=by, enrolment=enrolment, completed_on=pending.completed_on)
    completion = Completion(
        enrolment=enrolment,
        completed_on=pending.completed_on,
        confirmed_by_id=pending.confirmed_by_id,
        confirmed_at=pending.confirmed_at,
        exception_reason=pending.exception_reason,
        theory_hours=pending.theory_hours,
        practice_weeks=pending.practice_weeks,
        assignment_approved=pending.assignment_approved,
        version_id=pending.version_id,
        approved_by=by,
        approved_at=timezone.now(),
    )
    completion.full_clean()
    completion.save()
    organisation = enrolment.cohort.version.programme.organisation
    changes = diff({}, snapshot(completion))
    changes["is_exception"] = [None, True]
    changes["missing"] = [None, pending.missing]
    audit_record(
        by=by,
        action="completion_exception_approved",
        obj=completion,
        changes=changes,
        organisation=organisation,
    )
    audit_record(
        by=by,
        action="approved",
        obj=pending,
        changes={"completion_id": [None, completion.pk]},
        organisation=organisation,
    )
    pending.delete()
    return completion


@transaction.atomic
def completion_confirm(
    *,
    by: Any,
    enrolment: Enrolment,
    completed_on: dt.date,
    exception_reason: str = "",
) -> Completion | PendingCompletion:
    """Confirm that a participant has completed: freeze the figures a diploma needs and move
    the enrolment DELTAR -> FULLFORT. Someone who does not meet every requirement of the
    cohort's version can only be completed with a written reason, recorded as an exception.
    Where the organisation requires four-eyes approval, the exception waits for a second
    coordinator instead (a `PendingCompletion`; the status is left as it is)."""
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("participant", "cohort__version__programme__organisation")
        .get(pk=enrolment.pk)
    )
    if enrolment.status != Status.DELTAR:
        raise ValidationError(
            _("Bare deltakere med status «Deltar» kan fullføre (status nå: «%(status)s»).")
            % {"status": enrolment.get_status_display()},
            code="not_taking_part",
        )
    if Completion.objects.filter(enrolment=enrolment).exists():
        raise ValidationError(_("Fullføringen er allerede registrert."), code="duplicate")
    if PendingCompletion.objects.filter(enrolment=enrolment).exists():
        raise ValidationError(
            _("Fullføringen er registrert som unntak og venter på godkjenning."),
            code="pending",
        )
    if completed_on > timezone.localdate():
        raise ValidationError(
            {"completed_on": _("Fullført dato kan ikke være fram i tid.")}, code="future"
        )

    progress = progress_for([enrolment])[enrolment.pk]
    reason = exception_reason.strip()
    if progress.eligible:
        reason = ""  # nothing to excuse: not recorded as an exception
    elif not reason:
        raise ValidationError(
            {
                "exception_reason": _(
                    "Deltakeren oppfyller ikke alle kravene (mangler: %(missing)s). "
                    "Skriv en begrunnelse for unntaket."
                )
                % {"missing": ", ".join(progress.missing)}
            },
            code="not_eligible",
        )

    organisation = enrolment.cohort.version.programme.organisation
    if reason and organisation.four_eyes_approval:
        return _pending_create(
            by=by, enrolment=enrolment, completed_on=completed_on, reason=reason, progress=progress
        )

    _complete(by=by, enrolment=enrolment, completed_on=completed_on)
    completion = Completion(
        enrolment=enrolment,
        completed_on=completed_on,
        confirmed_by=by,
        confirmed_at=timezone.now(),
        exception_reason=reason,
        theory_hours=progress.theory_hours_attended,
        practice_weeks=progress.practice_weeks_approved,
        assignment_approved=progress.assignment_state == APPROVED,
        version=enrolment.cohort.version,
    )
    completion.full_clean()
    completion.save()
    changes = diff({}, snapshot(completion))
    # Make an exception stand out in the audit trail, with what was missing at the time.
    changes["is_exception"] = [None, bool(reason)]
    if reason:
        changes["missing"] = [None, "; ".join(progress.missing)]
    audit_record(
        by=by,
        action="completion_exception" if reason else "create",
        obj=completion,
        changes=changes,
        organisation=organisation,
    )
    return completion
