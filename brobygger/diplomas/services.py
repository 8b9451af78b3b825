"""Issue (and, after an invalidation, issue again) and invalidate diplomas. All audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.completion.models import Completion
from brobygger.core.audit import audit_create, audit_record
from brobygger.diplomas.codes import new_code
from brobygger.diplomas.models import Diploma


def _organisation(completion: Completion) -> Any:
    return completion.enrolment.cohort.version.programme.organisation


def _already_issued(diploma: Diploma) -> ValidationError:
    return ValidationError(
        _(
            "Vitnemålet er allerede utstedt, med kontrollkode %(code)s. Det utstedes ikke "
            "et nytt før dette er gjort ugyldig."
        )
        % {"code": diploma.display_code},
        code="already_issued",
    )


@transaction.atomic
def diploma_issue(*, completion: Completion, by: Any) -> Diploma:
    """Issue a diploma for the completion, with a new code.

    Refused (ValidationError, code "already_issued") while the completion has a valid diploma,
    so a second click makes nothing. After an invalidation this issues a new diploma with a new
    code; the invalidated one keeps its row and still checks as invalid."""
    # Lock the completion so two clicks at once cannot both find no valid diploma.
    Completion.objects.select_for_update().filter(pk=completion.pk).first()
    current = Diploma.objects.filter(completion=completion, invalidated_at__isnull=True).first()
    if current is not None:
        raise _already_issued(current)
    for _attempt in range(5):  # a code collision is astronomically rare; retry anyway
        diploma = Diploma(
            completion=completion, code=new_code(), issued_at=timezone.now(), issued_by=by
        )
        diploma.full_clean(exclude=["code"], validate_constraints=False)
        try:
            with transaction.atomic():
                diploma.save()
        except IntegrityError:
            current = Diploma.objects.filter(
                completion=completion, invalidated_at__isnull=True
            ).first()
            if current is not None:  # issued by someone else in the meantime
                raise _already_issued(current) from None
            continue
        audit_create(by=by, obj=diploma, organisation=_organisation(completion))
        return diploma
    raise RuntimeError("Could not find a free diploma code")


@transaction.atomic
def diploma_invalidate(*, diploma: Diploma, by: Any, reason: str) -> Diploma:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv hvorfor vitnemålet gjøres ugyldig.")})
    locked = Diploma.objects.select_for_update().get(pk=diploma.pk)
    if locked.invalidated_at is not None:
        raise ValidationError({"reason": _("Vitnemålet er allerede ugyldig.")})
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
