"""Writes for completion: the coordinator confirms, with a written reason when not eligible."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.completion.models import Completion
from brobygger.completion.progress import APPROVED
from brobygger.completion.selectors import progress_for
from brobygger.core.audit import audit_record, diff, snapshot
from brobygger.enrolments.models import Enrolment, Status
from brobygger.enrolments.services import enrolment_transition


@transaction.atomic
def completion_confirm(
    *,
    by: Any,
    enrolment: Enrolment,
    completed_on: dt.date,
    exception_reason: str = "",
) -> Completion:
    """Confirm that a participant has completed: freeze the figures a diploma needs and move
    the enrolment DELTAR -> FULLFORT. Someone who does not meet every requirement of the
    cohort's version can only be completed with a written reason, recorded as an exception."""
    enrolment = (
        Enrolment.objects.select_for_update()
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
        organisation=enrolment.cohort.version.programme.organisation,
    )
    return completion
