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
    Field,
    Table,
    register_export_section,
    table,
)

ORDER = 65  # right after completion (60)


def diplomas_section(participant: Any) -> list[Table]:
    """One query, whatever the number of rows."""
    diplomas = (
        Diploma.objects.filter(completion__enrolment__participant=participant)
        .select_related("completion__enrolment__cohort__version__programme")
        .order_by("issued_at", "pk")
    )
    fields = [
        Field("enrolment_id", _("Deltakelse nr."), NUMBER, "completion.enrolment_id"),
        Field(
            "programme", _("Program"), source="completion.enrolment.cohort.version.programme.name"
        ),
        Field("code", _("Kontrollkode"), source="display_code"),
        Field("issued_at", _("Utstedt"), DATETIME),
        Field("valid", _("Gyldig"), BOOL, "is_valid"),
        Field("invalidated_at", _("Ugyldiggjort"), DATETIME),
        Field("invalidation_reason", _("Begrunnelse for ugyldiggjøring")),
    ]
    return [table("diplomas", _("Vitnemål"), diplomas, fields)]


def register() -> None:
    register_export_section("diplomas", _("Vitnemål"), diplomas_section, order=ORDER)
