"""The consent texts shown to participants, by purpose and version. A changed text gets a new
version; consents given to an older version stay recorded against it."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from brobygger.privacy.models import ConsentPurpose

CURRENT_VERSION: dict[str, str] = {ConsentPurpose.EMPLOYER_PROFILE: "2026-1"}

# Shown in the reader's language; the version records which text was agreed to.
TEXTS: dict[tuple[str, str], str | Promise] = {
    (ConsentPurpose.EMPLOYER_PROFILE, "2026-1"): _(
        "Jeg samtykker i at arbeidsgivere i Brobygger kan se profilen jeg publiserer: teksten jeg "
        "selv skriver, det jeg velger å dele, og at jeg har fullført (eller snart fullfører) "
        "utdanningen for medarbeidere med brukererfaring. De ser aldri oppmøte, helse, ytelser "
        "eller notater fra programmet. Jeg kan trekke samtykket når som helst, og da skjules "
        "profilen med en gang."
    ),
}


def consent_text(purpose: str, version: str) -> str:
    """The text of a consent version in the reader's language; "" for an unknown version."""
    text = TEXTS.get((purpose, version))
    return str(text) if text is not None else ""
