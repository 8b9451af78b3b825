"""When a new attempt may be handed in: one place, used by the service and the pages."""

from __future__ import annotations

from django.utils.translation import gettext as _

from brobygger.assessments.models import Outcome, Submission
from brobygger.enrolments.models import Enrolment, Status

# Statuses in which an assignment may be handed in.
OPEN_STATUSES = frozenset({Status.DELTAR, Status.PERMISJON})


def submission_refusal(enrolment: Enrolment, latest: Submission | None) -> str | None:
    """Why a new attempt is refused now, or None when it is allowed. `latest` must have its
    assessment selected (select_related) to avoid a query."""
    if enrolment.status not in OPEN_STATUSES:
        return _(
            "Oppgaven kan bare leveres mens deltakelsen har status «Deltar» eller «Permisjon»."
        )
    if latest is None:
        return None
    assessment = getattr(latest, "assessment", None)
    if assessment is None:
        return _("Forrige innlevering er ikke vurdert ennå.")
    if assessment.outcome == Outcome.APPROVED:
        return _("Oppgaven er allerede godkjent.")
    return None
