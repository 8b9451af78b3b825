"""Issue and invalidate diplomas. Both are audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from brobygger.completion.models import Completion
from brobygger.core.audit import audit_create, audit_record
from brobygger.diplomas.codes import new_code
from brobygger.diplomas.models import Diploma


def _organisation(completion: Completion) -> Any:
    return completion.enrolment.cohort.version.programme.organisation


@transaction.atomic
def diploma_issue(*, completion: Completion, by: Any) -> Diploma:
    """The completion's diploma, issuing it if there is none yet (idempotent)."""
    existing = Diploma.objects.filter(completion=completion).first()
    if existing is not None:
        return existing
    for _attempt in range(5):  # a code collision is astronomically rare; retry anyway
        diploma = Diploma(
            completion=completion, code=new_code(), issued_at=timezone.now(), issued_by=by
        )
        diploma.full_clean(exclude=["code"])
        try:
            with transaction.atomic():
                diploma.save()
        except IntegrityError:
            continue
        audit_create(by=by, obj=diploma, organisation=_organisation(completion))
        return diploma
    raise RuntimeError("Could not find a free diploma code")


@transaction.atomic
def diploma_invalidate(*, diploma: Diploma, by: Any, reason: str) -> Diploma:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Skriv hvorfor vitnemålet gjøres ugyldig."})
    locked = Diploma.objects.select_for_update().get(pk=diploma.pk)
    if locked.invalidated_at is not None:
        raise ValidationError({"reason": "Vitnemålet er allerede ugyldig."})
    locked.invalidated_at = timezone.now()
    locked.invalidated_by = by
    locked.invalidation_reason = reason
    locked.save(update_fields=["invalidated_at", "invalidated_by", "invalidation_reason"])
    audit_record(
        by=by,
        action="invalidate",
        obj=locked,
        changes={
            "invalidated_at": [None, str(locked.invalidated_at)],
            "invalidation_reason": [None, reason],
        },
        organisation=_organisation(locked.completion),
    )
    return locked
