"""The diplomas app's part of the privacy features (brobygger/privacy/registry.py).

`invalidation_reason` is registered as personal and cleared on anonymisation by the privacy
app itself (privacy/personal.py, retention/anonymisers.py completion_anonymise); the code, the
dates and whether the diploma is valid stay, so the public check page keeps answering for a
diploma someone shows. What lives here: the export, and one more personal key (below).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from brobygger.diplomas.models import Diploma
from brobygger.privacy.registry import (
    BOOL,
    DATETIME,
    NUMBER,
    Column,
    Table,
    register_export_section,
)

ORDER = 65  # right after completion (60)


def diplomas_section(participant: Any) -> list[Table]:
    """One query, whatever the number of rows."""
    rows = [
        {
            "enrolment_id": d.completion.enrolment_id,
            "programme": d.completion.enrolment.cohort.version.programme.name,
            "code": d.display_code,
            "issued_at": d.issued_at,
            "valid": d.is_valid,
            "invalidated_at": d.invalidated_at,
            "invalidation_reason": d.invalidation_reason,
        }
        for d in Diploma.objects.filter(completion__enrolment__participant=participant)
        .select_related("completion__enrolment__cohort__version__programme")
        .order_by("issued_at", "pk")
    ]
    columns = [
        Column("enrolment_id", _("Deltakelse nr."), NUMBER),
        Column("programme", _("Program")),
        Column("code", _("Kontrollkode")),
        Column("issued_at", _("Utstedt"), DATETIME),
        Column("valid", _("Gyldig"), BOOL),
        Column("invalidated_at", _("Ugyldiggjort"), DATETIME),
        Column("invalidation_reason", _("Begrunnelse for ugyldiggjøring")),
    ]
    return [Table("diplomas", _("Vitnemål"), columns, rows)]


def register() -> None:
    register_export_section("diplomas", _("Vitnemål"), diplomas_section, order=ORDER)
