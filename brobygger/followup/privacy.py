"""The followup app's part of the privacy features (brobygger/privacy/registry.py).

The answers are what the outcome figures count (employed, percent, job kind, funding, dates):
they stay. The free-text note about the person is personal: kept out of the audit trail and
cleared on anonymisation.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from brobygger.core.appendonly import register_personal_fields
from brobygger.followup.models import FollowUpOutcome
from brobygger.privacy.registry import (
    BOOL,
    DATE,
    DATETIME,
    NUMBER,
    AnonymisationTarget,
    AnonymiseResult,
    Field,
    Table,
    choice,
    register_anonymiser,
    register_export_section,
    table,
)
from brobygger.privacy.retention.base import clear_fields

PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {"followup.followupoutcome": ("note",)}
ORDER = 100  # after employment (80) and subsidy (95)


def followup_section(participant: Any) -> list[Table]:
    """One query, whatever the number of rows."""
    answers = FollowUpOutcome.objects.filter(participant=participant).order_by(
        "due_on", "months", "pk"
    )
    fields = [
        *choice("kind", _("Oppfølgingskode"), _("Oppfølging")),
        Field("months", _("Måneder etter"), NUMBER),
        Field("employment_id", _("Arbeidsforhold nr."), NUMBER),
        Field("due_on", _("Forfall"), DATE),
        Field("answered_on", _("Gjelder per"), DATE),
        Field("employed", _("I arbeid"), BOOL),
        Field("percent", _("Stillingsprosent"), NUMBER),
        *choice("job_kind", _("Typekode"), _("Type ansettelse")),
        *choice("funding_source", _("Finansieringskode"), _("Finansiering")),
        Field("note", _("Merknad")),
        Field("recorded_at", _("Registrert"), DATETIME),
    ]
    return [table("followups", _("Oppfølgingssvar"), answers, fields)]


def followup_anonymise(target: AnonymisationTarget) -> AnonymiseResult:
    """An answer after a completion is audited under that enrolment's organisation; one after
    a hire under the person's programme organisation."""

    def organisation_of(row: FollowUpOutcome) -> Any:
        if row.completion is not None:
            return target.organisation_by_enrolment.get(row.completion.enrolment_id)
        return target.organisation

    return clear_fields(
        FollowUpOutcome.objects.filter(participant=target.participant).select_related("completion"),
        {"note": ""},
        by=target.by,
        organisation_of=organisation_of,
    )


def register() -> None:
    for label, fields in PERSONAL_FIELDS.items():
        register_personal_fields(label, *fields)
    register_export_section("followup", _("Oppfølging"), followup_section, order=ORDER)
    register_anonymiser("followup", followup_anonymise, order=ORDER)
