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
    CODE,
    DATE,
    DATETIME,
    NUMBER,
    AnonymisationTarget,
    AnonymiseResult,
    Column,
    Table,
    register_anonymiser,
    register_export_section,
)
from brobygger.privacy.retention.base import clear_fields

PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {"followup.followupoutcome": ("note",)}
ORDER = 100  # after employment (80) and subsidy (95)


def followup_section(participant: Any) -> list[Table]:
    """One query, whatever the number of rows."""
    rows = [
        {
            "kind": o.kind,
            "kind_label": o.get_kind_display(),
            "months": o.months,
            "employment_id": o.employment_id,
            "due_on": o.due_on,
            "answered_on": o.answered_on,
            "employed": o.employed,
            "percent": o.percent,
            "job_kind": o.job_kind,
            "job_kind_label": o.get_job_kind_display() if o.job_kind else "",
            "funding_source": o.funding_source,
            "funding_source_label": o.get_funding_source_display() if o.funding_source else "",
            "note": o.note,
            "recorded_at": o.recorded_at,
        }
        for o in FollowUpOutcome.objects.filter(participant=participant).order_by(
            "due_on", "months", "pk"
        )
    ]
    columns = [
        Column("kind", _("Oppfølgingskode"), CODE),
        Column("kind_label", _("Oppfølging")),
        Column("months", _("Måneder etter"), NUMBER),
        Column("employment_id", _("Arbeidsforhold nr."), NUMBER),
        Column("due_on", _("Forfall"), DATE),
        Column("answered_on", _("Gjelder per"), DATE),
        Column("employed", _("I arbeid"), BOOL),
        Column("percent", _("Stillingsprosent"), NUMBER),
        Column("job_kind", _("Typekode"), CODE),
        Column("job_kind_label", _("Type ansettelse")),
        Column("funding_source", _("Finansieringskode"), CODE),
        Column("funding_source_label", _("Finansiering")),
        Column("note", _("Merknad")),
        Column("recorded_at", _("Registrert"), DATETIME),
    ]
    return [Table("followups", _("Oppfølgingssvar"), columns, rows)]


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
