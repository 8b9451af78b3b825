"""Give and withdraw consents. Both are audited; withdrawing takes effect on the next request."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.core.audit import audit_create, audit_record
from brobygger.privacy.consents import CURRENT_VERSION
from brobygger.privacy.models import Consent


@transaction.atomic
def consent_give(*, participant: Any, purpose: str, by: Any) -> Consent:
    existing = Consent.objects.filter(
        participant=participant, purpose=purpose, withdrawn_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    if purpose not in CURRENT_VERSION:
        raise ValidationError({"purpose": _("Ukjent formål for samtykke.")})
    consent = Consent(
        participant=participant,
        purpose=purpose,
        text_version=CURRENT_VERSION[purpose],
        given_at=timezone.now(),
        given_by=by if getattr(by, "pk", None) else None,
    )
    consent.full_clean()
    consent.save()
    audit_create(by=by, obj=consent)
    return consent


@transaction.atomic
def consent_withdraw(*, participant: Any, purpose: str, by: Any) -> Consent | None:
    consent = (
        Consent.objects.select_for_update()
        .filter(participant=participant, purpose=purpose, withdrawn_at__isnull=True)
        .first()
    )
    if consent is None:
        return None
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    audit_record(
        by=by,
        action="withdraw",
        obj=consent,
        changes={"withdrawn_at": [None, str(consent.withdrawn_at)]},
    )
    return consent
