"""The consent texts shown to participants, by purpose and version. A changed text gets a new
version; consents given to an older version stay recorded against it."""

from __future__ import annotations

from brobygger.privacy.models import ConsentPurpose

CURRENT_VERSION: dict[str, str] = {ConsentPurpose.EMPLOYER_PROFILE: "2026-1"}

TEXTS: dict[tuple[str, str], str] = {
    (ConsentPurpose.EMPLOYER_PROFILE, "2026-1"): (
        "Jeg samtykker i at arbeidsgivere i Brobygger kan se profilen jeg publiserer: teksten jeg "
        "selv skriver, det jeg velger å dele, og at jeg har fullført (eller snart fullfører) "
        "utdanningen for medarbeidere med brukererfaring. De ser aldri oppmøte, helse, ytelser "
        "eller notater fra programmet. Jeg kan trekke samtykket når som helst, og da skjules "
        "profilen med en gang."
    ),
}
