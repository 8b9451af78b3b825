from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from brobygger.privacy.consents import CURRENT_VERSION, consent_text
from brobygger.privacy.models import Consent, ConsentPurpose


def participants_with_consent(participant_ids: Iterable[int], purpose: str) -> set[int]:
    """Which of these people have an active consent for `purpose` (one query)."""
    return set(
        Consent.objects.filter(
            participant_id__in=list(participant_ids), purpose=purpose, withdrawn_at__isnull=True
        ).values_list("participant_id", flat=True)
    )


def has_consent(participant_id: int, purpose: str) -> bool:
    return bool(participants_with_consent([participant_id], purpose))


@dataclass
class PurposeState:
    """One purpose on "Mine samtykker": the text asked for now, and what the person did."""

    purpose: str
    label: str
    version: str
    text: str
    active: Consent | None = None
    history: list[Consent] = field(default_factory=list)

    @property
    def active_text(self) -> str:
        """The text the active consent was given to (it may be an older version)."""
        if self.active is None:
            return ""
        return consent_text(self.purpose, self.active.text_version)


def consent_overview(*, participant: Any) -> list[PurposeState]:
    """Every purpose that asks for consent now, with the person's history (one query)."""
    labels = dict(ConsentPurpose.choices)
    states = {
        purpose: PurposeState(
            purpose=purpose,
            label=str(labels.get(purpose, purpose)),
            version=version,
            text=consent_text(purpose, version),
        )
        for purpose, version in CURRENT_VERSION.items()
    }
    for consent in Consent.objects.filter(participant=participant).order_by("-given_at", "-id"):
        state = states.get(consent.purpose)
        if state is None:
            continue
        state.history.append(consent)
        if consent.withdrawn_at is None:
            state.active = consent
    return list(states.values())
