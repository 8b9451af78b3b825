from __future__ import annotations

from collections.abc import Iterable

from brobygger.privacy.models import Consent


def participants_with_consent(participant_ids: Iterable[int], purpose: str) -> set[int]:
    """Which of these people have an active consent for `purpose` (one query)."""
    return set(
        Consent.objects.filter(
            participant_id__in=list(participant_ids), purpose=purpose, withdrawn_at__isnull=True
        ).values_list("participant_id", flat=True)
    )


def has_consent(participant_id: int, purpose: str) -> bool:
    return bool(participants_with_consent([participant_id], purpose))
